package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.SwarmCli;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code swarm campaign init --from-autoresearch} on a small repository laid out like karpathy/autoresearch. */
class CampaignInitCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private Path autoresearch() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("My Autoresearch"));
        Files.writeString(repo.resolve("train.py"), "from prepare import TIME_BUDGET\nDEPTH = 8\nprint(f\"val_bpb: {0.9979:.6f}\")\n");
        Files.writeString(repo.resolve("prepare.py"), "MAX_SEQ_LEN = 2048\nTIME_BUDGET = 300        # training time budget in seconds\n");
        Files.writeString(repo.resolve("program.md"), "# autoresearch\nIf a run exceeds 10 minutes, kill it.\n");
        Files.writeString(repo.resolve("README.md"), "# autoresearch\n```bash\nuv sync\nuv run prepare.py\nuv run train.py\n```\n");
        Files.writeString(repo.resolve("pyproject.toml"), "[project]\nname = \"autoresearch\"\n");
        return repo;
    }

    private int init(String... args) {
        List<String> all = new ArrayList<>(List.of("campaign", "init"));
        all.addAll(List.of(args));
        return new CommandLine(new SwarmCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
    }

    @Test
    void init_writesALoadableCampaign() throws Exception {
        Path repo = autoresearch();
        assertEquals(0, init("--from-autoresearch", repo.toString()), err.toString());
        Campaign c = CampaignLoader.load(repo.resolve("campaign.yaml"));
        assertEquals("my-autoresearch", c.getName());
        assertEquals("val_bpb", c.getGoal().getMetric());
        assertEquals(Direction.MINIMIZE, c.getGoal().getDirection());
        assertEquals(List.of("train.py"), c.getWorkspace().getEditableList());
        assertEquals(List.of("prepare.py"), c.getWorkspace().getProtectedList());
        assertEquals(List.of("uv", "run", "train.py"), c.getRun().getCommandList());
        assertEquals(600.0, c.getRun().getBudgetSeconds());
        assertEquals(1, c.getResources().getGpus());
        assertEquals(Files.readString(repo.resolve("program.md")), c.getProgramText());
        assertEquals("llm", c.getProposers(0).getKind());
        assertEquals("OPENAI_API_KEY", c.getProposers(0).getLlm().getApiKeyEnv());
        String said = out.toString();
        assertTrue(said.contains("wrote " + repo.resolve("campaign.yaml")), said);
        assertTrue(said.contains("the run command is `uv run train.py` (from README.md)"), said);
        assertTrue(said.contains("training stops itself after 300 s (TIME_BUDGET in prepare.py)"), said);
        assertTrue(said.contains("kills a run at 600 s") && said.contains("program.md's own limit"), said);
        assertTrue(said.contains("(train.py prints it)"), said);
        assertTrue(said.contains("uv run prepare.py"), said);
    }

    @Test
    void init_outElsewhereUsesRelativePaths() throws Exception {
        Path repo = autoresearch();
        Files.writeString(repo.resolve("program.md"), "# no time limit mentioned\n");
        Files.delete(repo.resolve("README.md"));
        Path file = tmp.resolve("campaigns/night.yaml");
        assertEquals(0, init("--from-autoresearch", repo.toString(), "--out", file.toString()), err.toString());
        assertTrue(Files.readString(file).contains("repo: '../My Autoresearch'"), Files.readString(file));
        Campaign c = CampaignLoader.load(file);
        assertEquals(repo.toString(), c.getWorkspace().getRepo());
        assertEquals(600.0, c.getRun().getBudgetSeconds(), "twice prepare.py's TIME_BUDGET");
        assertTrue(out.toString().contains("autoresearch's; README.md does not say"), out.toString());
    }

    @Test
    void init_missingFiles() throws Exception {
        Path repo = autoresearch();
        Files.delete(repo.resolve("prepare.py"));
        Files.delete(repo.resolve("program.md"));
        assertEquals(2, init("--from-autoresearch", repo.toString()));
        assertTrue(err.toString().contains("does not look like an autoresearch repository: prepare.py, program.md are missing"),
                err.toString());
        assertTrue(!Files.exists(repo.resolve("campaign.yaml")));
        assertEquals(2, init("--from-autoresearch", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("is not a directory"), err.toString());
    }

    @Test
    void init_refusesToOverwrite() throws Exception {
        Path repo = autoresearch();
        Files.writeString(repo.resolve("campaign.yaml"), "name: mine\n");
        assertEquals(2, init("--from-autoresearch", repo.toString()));
        assertTrue(err.toString().contains("pass --force to overwrite it"), err.toString());
        assertEquals("name: mine\n", Files.readString(repo.resolve("campaign.yaml")));
        assertEquals(0, init("--from-autoresearch", repo.toString(), "--force"), err.toString());
    }

    @Test
    void run_withoutTheApiKeyFailsClearlyAtStart() throws Exception {
        Path repo = autoresearch();
        assertEquals(0, init("--from-autoresearch", repo.toString()), err.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SwarmCli.class.getName(),
                "run", repo.resolve("campaign.yaml").toString(), "--data-dir", tmp.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.out").toFile());
        pb.environment().remove("OPENAI_API_KEY");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "swarm run did not exit");
        String said = Files.readString(tmp.resolve("run.out"));
        assertEquals(2, p.exitValue(), said);
        assertTrue(said.contains("the API key variable OPENAI_API_KEY is not set on this node"), said);
        assertTrue(!Files.exists(tmp.resolve("data/results.jsonl")), "nothing ran");
    }
}
