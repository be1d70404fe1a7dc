package io.swarmhub.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ParameterKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignLoaderTest {
    static final String GOOD = """
            name: demo
            goal: { metric: objective, direction: minimize }
            workspace:
              repo: .
              editable: [params.properties]
              protected: [eval/**]
            run: { builtin: bench:rastrigin, budget_seconds: 5, params: params.properties }
            keep: { min_delta: 0.001 }
            proposers:
              - kind: mutation
                file: params.properties
                space:
                  x0: { type: float, min: -5, max: 5 }
                  lr: { type: logfloat, min: 0.0001, max: 0.1 }
                  act: { type: choice, values: [relu, gelu] }
            stop: { max_experiments: 100, deadline: 1h30m }
            """;

    /** GOOD plus one proposer of each other kind (lines 16-27). */
    static final String MORE = GOOD.replace("stop: {", "  - kind: llm\n"
            + "    weight: 2\n"
            + "    base_url: http://127.0.0.1:8000/v1\n"
            + "    model: qwen2.5-coder\n"
            + "    api_key_env: LLM_KEY\n"
            + "    temperature: 0.2\n"
            + "  - kind: agent\n"
            + "    command: [./agent.sh, --fast]\n"
            + "    timeout_seconds: 60\n"
            + "    pass_env: [ANTHROPIC_API_KEY]\n"
            + "  - kind: crossover\n"
            + "    weight: 0.5\n"
            + "stop: {");

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.writeString(dir.resolve("params.properties"), "x0 = 1.0\nlr = 0.01\nact = relu\n");
        Files.writeString(dir.resolve("program.md"), "# instructions\n");
        Files.createDirectories(dir.resolve("eval"));
        Files.writeString(dir.resolve("eval/score.py"), "print('objective: 1')\n");
        Path f = dir.resolve("campaign.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void load_validCampaign() throws Exception {
        Campaign c = CampaignLoader.load(write(GOOD));
        assertEquals("demo", c.getName());
        assertEquals(Direction.MINIMIZE, c.getGoal().getDirection());
        assertEquals(dir.toAbsolutePath().normalize().toString(), c.getWorkspace().getRepo());
        assertEquals(5.0, c.getRun().getBudgetSeconds());
        assertEquals(0.001, c.getKeep().getMinDelta());
        assertEquals(5400, c.getStop().getDeadlineSeconds());
        assertEquals(3, c.getProposers(0).getSpaceCount());
        assertEquals(ParameterKind.LOG_FLOAT, c.getProposers(0).getSpace(1).getKind());
        assertEquals("# instructions\n", c.getProgramText());
        assertEquals(65536, c.getGuard().getMaxPatchBytes());
    }

    @Test
    void load_everyProposerKind() throws Exception {
        Campaign c = CampaignLoader.load(write(MORE));
        assertEquals(4, c.getProposersCount());
        var llm = c.getProposers(1);
        assertEquals("llm", llm.getKind());
        assertEquals(2.0, llm.getWeight());
        assertEquals("http://127.0.0.1:8000/v1", llm.getLlm().getBaseUrl());
        assertEquals("qwen2.5-coder", llm.getLlm().getModel());
        assertEquals("LLM_KEY", llm.getLlm().getApiKeyEnv());
        assertEquals(0.2, llm.getLlm().getTemperature());
        assertTrue(!llm.getLlm().hasMaxRetries());
        var agent = c.getProposers(2);
        assertEquals(java.util.List.of("./agent.sh", "--fast"), agent.getAgent().getCommandList());
        assertEquals(60.0, agent.getAgent().getTimeoutSeconds());
        assertEquals(java.util.List.of("ANTHROPIC_API_KEY"), agent.getAgent().getPassEnvList());
        assertEquals("crossover", c.getProposers(3).getKind());
        assertEquals(0.5, c.getProposers(3).getWeight());
        assertTrue(!c.getProposerMix().getBandit(), "the bandit is off unless asked for");
    }

    @Test
    void load_proposerMixBandit() throws Exception {
        Campaign c = CampaignLoader.load(write(MORE + "proposer_mix: { bandit: true }\n"));
        assertTrue(c.getProposerMix().getBandit());
        CampaignException e = assertThrows(CampaignException.class,
                () -> CampaignLoader.load(write(MORE + "proposer_mix: { bandit: sometimes }\n")));
        assertTrue(e.getMessage().contains("proposer_mix.bandit: expected true or false, got 'sometimes'"), e.getMessage());
    }

    @Test
    void load_shippedExamples() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Campaign c = CampaignLoader.load(root.resolve("examples/rastrigin/campaign.yaml"));
        assertEquals(10, c.getProposers(0).getSpaceCount());
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("unknown key", GOOD.replace("name: demo", "nmae: demo"), 1, "nmae: unknown key"),
                Arguments.of("missing name", GOOD.replace("name: demo\n", ""), 1, "name: missing"),
                Arguments.of("wrong type", GOOD.replace("budget_seconds: 5", "budget_seconds: fast"), 7,
                        "run.budget_seconds: expected a number, got 'fast'"),
                Arguments.of("bad range", GOOD.replace("budget_seconds: 5", "budget_seconds: -1"), 7,
                        "run.budget_seconds: must be between"),
                Arguments.of("bad direction", GOOD.replace("direction: minimize", "direction: down"), 2,
                        "goal.direction: expected minimize or maximize, got 'down'"),
                Arguments.of("missing goal", GOOD.replace("goal: { metric: objective, direction: minimize }\n", ""), 1,
                        "goal: missing"),
                Arguments.of("overlap", GOOD.replace("protected: [eval/**]", "protected: [params.properties]"), 5,
                        "'params.properties' is both editable and protected"),
                Arguments.of("overlap by glob", GOOD.replace("editable: [params.properties]",
                        "editable: [params.properties, eval/*.py]"), 5, "'eval/score.py' is matched by both"),
                Arguments.of("missing program", GOOD + "program: nothere.md\n", 17, "program: file not found"),
                Arguments.of("missing params file", GOOD.replace("params: params.properties }", "params: p2.properties }"), 7,
                        "run.params: parameter file not found"),
                Arguments.of("unknown builtin", GOOD.replace("bench:rastrigin", "bench:nope"), 7,
                        "run.builtin: unknown built-in 'bench:nope'"),
                Arguments.of("command and builtin", GOOD.replace("run: { builtin:", "run: { command: [python3, t.py], builtin:"),
                        7, "run.builtin: give either command or builtin"),
                Arguments.of("not yaml", GOOD.replace("keep: { min_delta: 0.001 }", "keep: { min_delta: [0.001 }"), 8,
                        "not valid YAML"),
                Arguments.of("param not in file", GOOD.replace("act: { type", "depth: { type: int, min: 1, max: 8 }\n      act2: { type"),
                        15, "no line 'depth = ...' in params.properties"),
                Arguments.of("logfloat min", GOOD.replace("min: 0.0001", "min: 0"), 14, "a logfloat needs min > 0"),
                Arguments.of("min above max", GOOD.replace("min: -5, max: 5", "min: 5, max: -5"), 13,
                        "space.x0.max: must be greater than min"),
                Arguments.of("bad deadline", GOOD.replace("deadline: 1h30m", "deadline: soon"), 16,
                        "stop.deadline: expected a duration"),
                Arguments.of("unknown proposer", GOOD.replace("kind: mutation", "kind: oracle"), 10,
                        "proposers[0].kind: unknown proposer kind 'oracle'"),
                Arguments.of("empty editable", GOOD.replace("editable: [params.properties]", "editable: []"), 5,
                        "workspace.editable: list at least one path"),
                Arguments.of("missing repo", GOOD.replace("repo: .", "repo: ./nowhere"), 4,
                        "workspace.repo: directory not found"),
                Arguments.of("wrong metric for builtin", GOOD.replace("metric: objective", "metric: loss"), 7,
                        "set goal.metric to it"),
                Arguments.of("negative max_experiments", GOOD.replace("max_experiments: 100", "max_experiments: -3"), 16,
                        "stop.max_experiments: must be at least 0, got -3"),
                Arguments.of("non-editable mutation file", GOOD.replace("file: params.properties", "file: eval/score.py"), 11,
                        "'eval/score.py' is not an editable path"),
                Arguments.of("llm without model", MORE.replace("    model: qwen2.5-coder\n", ""), 16,
                        "proposers[1].model: missing"),
                Arguments.of("llm bad url", MORE.replace("http://127.0.0.1:8000/v1", "127.0.0.1:8000"), 18,
                        "proposers[1].base_url: expected an http(s) URL"),
                Arguments.of("llm key written inline", MORE.replace("api_key_env: LLM_KEY", "api_key_env: sk-abc123"), 20,
                        "proposers[1].api_key_env: expected the NAME of the environment variable"),
                Arguments.of("llm temperature", MORE.replace("temperature: 0.2", "temperature: 3"), 21,
                        "proposers[1].temperature: must be between 0 and 2"),
                Arguments.of("llm with an agent key", MORE.replace("temperature: 0.2", "temperature: 0.2\n    command: [x]"), 22,
                        "proposers[1].command: applies to proposers of kind agent, not llm"),
                Arguments.of("agent without command", MORE.replace("    command: [./agent.sh, --fast]\n", ""), 22,
                        "proposers[2].command: missing"),
                Arguments.of("agent bad pass_env", MORE.replace("[ANTHROPIC_API_KEY]", "[ANTHROPIC-KEY]"), 25,
                        "proposers[2].pass_env: 'ANTHROPIC-KEY' is not an environment variable name"),
                Arguments.of("agent bad timeout", MORE.replace("timeout_seconds: 60", "timeout_seconds: 0"), 24,
                        "proposers[2].timeout_seconds: must be between"),
                Arguments.of("crossover with an llm key", MORE.replace("    weight: 0.5\n", "    weight: 0.5\n    model: x\n"), 28,
                        "proposers[3].model: applies to proposers of kind llm, not crossover"),
                Arguments.of("two proposers with one name", MORE.replace("  - kind: crossover\n", "  - kind: crossover\n  - kind: crossover\n"), 27,
                        "proposers[4].kind: 'crossover' already names proposers[3]"),
                Arguments.of("goal is a list", GOOD.replace("goal: { metric: objective, direction: minimize }", "goal: [a, b]"),
                        2, "goal: expected a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void load_brokenCampaign(String what, String yaml, int line, String expected) throws Exception {
        Path f = write(yaml);
        CampaignException e = assertThrows(CampaignException.class, () -> CampaignLoader.load(f));
        String prefix = f + ":" + line + ": ";
        assertTrue(e.getMessage().lines().anyMatch(l -> l.startsWith(prefix) && l.contains(expected)),
                () -> "expected a line starting '" + prefix + "' containing '" + expected + "', got:\n" + e.getMessage());
    }

    @Test
    void load_missingFile() {
        CampaignException e = assertThrows(CampaignException.class, () -> CampaignLoader.load(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().contains("campaign file not found"), e.getMessage());
    }

    @Test
    void load_emptyFile() throws Exception {
        Path f = write("");
        CampaignException e = assertThrows(CampaignException.class, () -> CampaignLoader.load(f));
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }

    @Test
    void parseSeconds_durations() {
        assertEquals(90, Durations.parseSeconds("90").getAsLong());
        assertEquals(90, Durations.parseSeconds("90s").getAsLong());
        assertEquals(5400, Durations.parseSeconds("1h30m").getAsLong());
        assertEquals(172800, Durations.parseSeconds("2d").getAsLong());
        assertTrue(Durations.parseSeconds("h").isEmpty());
        assertTrue(Durations.parseSeconds("5x").isEmpty());
    }

    @Test
    void matches_globs() {
        Globs g = new Globs(java.util.List.of("eval/**", "*.py"));
        assertTrue(g.matches("eval/a/b.txt"));
        assertTrue(g.matches("train.py"));
        assertTrue(!g.matches("src/train.py"));
    }
}
