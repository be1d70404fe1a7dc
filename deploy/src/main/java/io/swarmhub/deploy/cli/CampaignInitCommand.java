package io.swarmhub.deploy.cli;

import io.swarmhub.protocol.CampaignException;
import io.swarmhub.protocol.CampaignLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code swarm campaign init --from-autoresearch DIR}: writes a campaign.yaml for a repository laid
 * out like karpathy/autoresearch ({@code train.py} edited by agents, {@code prepare.py} the fixed
 * judge, {@code program.md} their instructions), checks that it loads, and says what it assumed.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a campaign.yaml for an existing research repository.")
public final class CampaignInitCommand implements Callable<Integer> {
    static final List<String> REQUIRED = List.of("train.py", "prepare.py", "program.md");
    private static final Pattern TIME_BUDGET = Pattern.compile("(?m)^\\s*TIME_BUDGET\\s*=\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern KILL_AFTER = Pattern.compile("(?i)exceeds\\s+(\\d+)\\s+minutes");
    private static final Pattern RUN = Pattern.compile("(?m)^\\s*((?:uv run|python3?) train\\.py)\\s*$");

    @Spec
    CommandSpec spec;

    @Option(names = "--from-autoresearch", paramLabel = "DIR", required = true,
            description = "a repository with train.py, prepare.py and program.md")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write (default: DIR/campaign.yaml)")
    Path out;

    @Option(names = "--force", description = "overwrite an existing file")
    boolean force;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "val_bpb",
            description = "the metric train.py prints (default: val_bpb)")
    String metric;

    @Option(names = "--maximize", description = "higher is better (default: lower is better)")
    boolean maximize;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Path repo = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(repo)) {
            err.println("swarm: " + dir + " is not a directory");
            return 2;
        }
        List<String> missing = REQUIRED.stream().filter(f -> !Files.isRegularFile(repo.resolve(f))).toList();
        if (!missing.isEmpty()) {
            err.println("swarm: " + dir + " does not look like an autoresearch repository: " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing (expected train.py, edited by agents; prepare.py,"
                    + " the fixed judge; program.md, their instructions)");
            return 2;
        }
        Path file = (out != null ? out : repo.resolve("campaign.yaml")).toAbsolutePath().normalize();
        if (Files.exists(file) && !force) {
            err.println("swarm: " + file + " exists; pass --force to overwrite it");
            return 2;
        }
        List<String> assumed = new ArrayList<>();
        String yaml = yaml(repo, file, assumed);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        try {
            CampaignLoader.load(file);
        } catch (CampaignException e) {
            err.println(e.getMessage());
            err.println("swarm: wrote " + file + ", but it does not load; fix the lines above");
            return 1;
        }
        stdout.println("wrote " + file);
        stdout.println("assumed:");
        assumed.forEach(a -> stdout.println("  - " + a));
        stdout.println("next:");
        stdout.println("  - run `uv run prepare.py` once on every node that takes this campaign (it downloads the data)");
        stdout.println("  - set the llm proposer's base_url and model, export OPENAI_API_KEY=..., then: swarm run " + file);
        stdout.flush();
        return 0;
    }

    private String yaml(Path repo, Path file, List<String> assumed) throws IOException {
        String train = Files.readString(repo.resolve("train.py"), StandardCharsets.UTF_8);
        String prepare = Files.readString(repo.resolve("prepare.py"), StandardCharsets.UTF_8);
        String program = Files.readString(repo.resolve("program.md"), StandardCharsets.UTF_8);
        Path readme = repo.resolve("README.md");
        String readmeText = Files.isRegularFile(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";

        assumed.add("train.py is the only editable file; prepare.py is protected (the judge: a change to it makes the "
                + "experiment INVALID); program.md is reused as the agents' instructions");
        assumed.add("the goal is " + metric + ", " + (maximize ? "higher" : "lower") + " is better"
                + (train.contains(metric) ? " (train.py prints it)" : "; WARNING: train.py never mentions " + metric
                + ", pass --metric NAME"));
        Matcher tb = TIME_BUDGET.matcher(prepare);
        double training = tb.find() ? Double.parseDouble(tb.group(1)) : 300;
        Matcher kill = KILL_AFTER.matcher(program);
        double budget = kill.find() ? Integer.parseInt(kill.group(1)) * 60.0 : 2 * training;
        assumed.add("training stops itself after " + num(training) + " s (" + (tb.find(0) ? "TIME_BUDGET in prepare.py"
                : "autoresearch's default") + "); the evaluator kills a run at " + num(budget) + " s of wall clock, "
                + "leaving room for start-up and the final evaluation (" + (kill.find(0) ? "program.md's own limit"
                : "twice the training budget") + ")");
        Matcher run = RUN.matcher(readmeText);
        String command = run.find() ? run.group(1) : "uv run train.py";
        assumed.add("the run command is `" + command + "` (" + (run.find(0) ? "from README.md" : "autoresearch's; "
                + "README.md does not say") + ")");
        assumed.add("each experiment needs one GPU (resources.gpus: 1)");
        assumed.add("proposer: an OpenAI-compatible LLM at https://api.openai.com/v1, model gpt-4.1, key in the "
                + "environment variable OPENAI_API_KEY (placeholders: any compatible endpoint works, see docs/authoring.md)");
        assumed.add("no stop rule: like autoresearch, it runs until stopped (add stop: { deadline: 8h } for a night)");

        String name = repo.getFileName() == null ? "autoresearch"
                : repo.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        name = name.matches("[a-z0-9].{0,63}") ? name.substring(0, Math.min(64, name.length())) : "autoresearch";
        Path base = file.getParent();
        String repoRel = relative(base, repo);
        String programRel = relative(base, repo.resolve("program.md"));
        String[] argv = command.split(" ");
        return "# Written by `swarm campaign init --from-autoresearch`; see docs/authoring.md.\n"
                + "name: " + name + "\n"
                + "goal: { metric: " + metric + ", direction: " + (maximize ? "maximize" : "minimize") + " }\n"
                + "workspace:\n"
                + "  repo: " + quote(repoRel) + "\n"
                + "  editable: [train.py]               # the agents' file\n"
                + "  protected: [prepare.py]            # the judge: data, tokenizer, evaluation\n"
                + "run:\n"
                + "  command: [" + String.join(", ", argv) + "]\n"
                + "  budget_seconds: " + num(budget) + "   # hard wall-clock limit; training itself stops at "
                + num(training) + " s\n"
                + "keep: { min_delta: 0.0 }\n"
                + "proposers:\n"
                + "  - kind: llm\n"
                + "    base_url: https://api.openai.com/v1   # any OpenAI-compatible endpoint (vLLM, Ollama, a gateway)\n"
                + "    model: gpt-4.1                        # the model to ask\n"
                + "    api_key_env: OPENAI_API_KEY           # the NAME of the variable holding the key, never the key\n"
                + "    temperature: 0.7\n"
                + "    max_tokens: 8192\n"
                + "    timeout_seconds: 300\n"
                + "    requests_per_minute: 10\n"
                + "    max_file_bytes: 65536                 # train.py goes into the prompt whole below this size\n"
                + "program: " + quote(programRel) + "\n"
                + "resources: { gpus: 1 }\n";
    }

    private static String relative(Path from, Path to) {
        try {
            String r = from.relativize(to).toString().replace('\\', '/');
            return r.isEmpty() ? "." : r;
        } catch (IllegalArgumentException e) {
            return to.toString();
        }
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9._/-]+") ? s : "'" + s.replace("'", "''") + "'";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
