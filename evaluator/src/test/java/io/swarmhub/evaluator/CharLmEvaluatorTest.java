package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.Builtins;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charlm built-in end to end: Evaluator, child JVM, CharLmMain, the example workspace. Each run starts a JVM
 * and loads PyTorch, so the class shares one 20-second run (5 s of training) between its tests.
 */
class CharLmEvaluatorTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "charlm");
    private static final Pattern FIRST_LOSS = Pattern.compile("step +1 \\| loss ([0-9.]+)");
    private static final Pattern CHECKSUM = Pattern.compile("data_checksum: +(sha256:[0-9a-f]+)");

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Evaluation baseline;
    private static String baselineLog;

    @BeforeAll
    static void runBaseline() throws IOException {
        Path workspace = workspace(shared.resolve("ws"), UnaryOperator.identity(), UnaryOperator.identity());
        baseline = evaluate(workspace, 20, shared.resolve("baseline.log"));
        baselineLog = Files.readString(shared.resolve("baseline.log"));
    }

    @Test
    void evaluate_fiveSecondsOfTraining_beatsUnigram() {
        assertEquals(Outcome.OK, baseline.outcome(), baseline.message() + "\n" + baselineLog);
        double unigram = baseline.metrics().get("unigram_bpb");
        assertTrue(Double.isFinite(baseline.goal()) && baseline.goal() < unigram,
                "val_bpb " + baseline.goal() + " vs unigram " + unigram + "\n" + baselineLog);
        double trained = baseline.metrics().get("training_seconds");
        assertTrue(trained > 0 && trained <= 5.5, "training_seconds " + trained); // less only if start-up was slow
        for (String m : new String[] {"total_seconds", "peak_memory_mb", "num_steps", "num_params_M",
                "tokens_per_second"}) {
            assertTrue(baseline.metrics().get(m) > 0, m + " in\n" + baselineLog);
        }
        assertTrue(CHECKSUM.matcher(baselineLog).find(), baselineLog);
    }

    @Test
    void evaluate_sameSeedAndConfig_sameChecksumAndFirstLoss() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), UnaryOperator.identity(), UnaryOperator.identity());
        Evaluation again = evaluate(workspace, 17, dir.resolve("again.log"));
        String log = Files.readString(dir.resolve("again.log"));

        assertEquals(Outcome.OK, again.outcome(), again.message() + "\n" + log);
        assertEquals(group(CHECKSUM, baselineLog), group(CHECKSUM, log));
        assertEquals(group(FIRST_LOSS, baselineLog), group(FIRST_LOSS, log));
    }

    @Test
    void evaluate_brokenProperties_crashNamesTheKey() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), p -> p.replace("lr = 0.006", "lr = fast"),
                UnaryOperator.identity());

        Evaluation e = evaluate(workspace, 20, dir.resolve("e.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("train.properties: key 'lr' = 'fast': expected a number"), e.message());
    }

    @Test
    void evaluate_sourceDoesNotCompile_crashQuotesTheCompiler() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), UnaryOperator.identity(),
                s -> s.replace("return seqLen;", "return seqLen"));

        Evaluation e = evaluate(workspace, 20, dir.resolve("e.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().startsWith("Train.java does not compile (1 error; first: Train.java:"), e.message());
        assertTrue(e.message().contains("';' expected"), e.message());
        assertTrue(Files.readString(dir.resolve("e.log")).contains("error: ';' expected"));
    }

    @Test
    void evaluate_stepProducesNaN_crashNamesTheStep() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), UnaryOperator.identity(),
                s -> s.replace("NDArray logits = forward(batch.inputs(), true);",
                        "NDArray logits = forward(batch.inputs(), true).mul(Float.NaN);"));

        Evaluation e = evaluate(workspace, 20, dir.resolve("e.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().endsWith("training produced NaN at step 1"), e.message());
    }

    @Test
    void evaluate_editAsksTrainingDataForValidation_crashes() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), UnaryOperator.identity(),
                s -> s.replace("TrainingData.Batch batch = data.next(manager, batchSize, seqLen);",
                        "TrainingData.Batch batch = data.validation(manager, batchSize, seqLen);"));

        Evaluation e = evaluate(workspace, 20, dir.resolve("e.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("cannot find symbol"), e.message());
    }

    @Test
    void evaluate_editReflectsIntoTrainingData_crashes() throws IOException {
        Path workspace = workspace(dir.resolve("ws"), UnaryOperator.identity(),
                s -> s.replace("TrainingData.Batch batch = data.next(manager, batchSize, seqLen);",
                        "TrainingData.Batch batch = data.next(manager, batchSize, seqLen);"
                                + " Object[] fields = data.getClass().getDeclaredFields();"));

        Evaluation e = evaluate(workspace, 20, dir.resolve("e.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().startsWith("Train.java may not use java.lang.Class.getDeclaredFields"), e.message());
    }

    /** A copy of the example workspace with its two files edited. */
    private static Path workspace(Path ws, UnaryOperator<String> properties, UnaryOperator<String> source)
            throws IOException {
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("train.properties"),
                properties.apply(Files.readString(EXAMPLE.resolve("train.properties"))));
        Files.writeString(ws.resolve("Train.java"), source.apply(Files.readString(EXAMPLE.resolve("Train.java"))));
        return ws;
    }

    static Evaluation evaluate(Path workspace, double budget, Path log) {
        Campaign campaign = Campaign.newBuilder()
                .setName("charlm-test")
                .setGoal(Goal.newBuilder().setMetric(Builtins.CHARLM_METRIC).setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("train.properties").addEditable("Train.java"))
                .setRun(RunStep.newBuilder().setBuiltin(Builtins.CHARLM).setBudgetSeconds(budget))
                .build();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SWARM_DJL_CACHE", Path.of("target", "djl-cache").toAbsolutePath().toString());
        return new Evaluator(campaign, env, StepRunner.detect()).evaluate("exp", workspace, log);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in\n" + text);
        return m.group(1);
    }
}
