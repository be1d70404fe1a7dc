package io.swarmhub.evaluator;

import static io.swarmhub.evaluator.Fixtures.benchCampaign;
import static io.swarmhub.evaluator.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in benchmark objectives run in-process by the evaluator. */
class BenchmarkEvaluatorTest {
    @TempDir
    Path workspace;

    private Evaluation evaluate(String builtin, double budget, double costMs) {
        return new Evaluator(benchCampaign(builtin, budget, costMs))
                .evaluate("exp1", workspace, workspace.resolve("logs/exp1.log"));
    }

    @Test
    void evaluate_rastriginReadsParamsFile() throws IOException {
        write(workspace, "params.properties", "# a point\nx1 = 0.5\nx0 = 1\nlabel = not a number\n");

        Evaluation e = evaluate("bench:rastrigin", 10, 0);

        // 10*2 + (1 - 10 cos 2pi) + (0.25 - 10 cos pi) = 20 - 9 + 10.25
        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(21.25, e.goal(), 1e-9);
        assertEquals(2.0, e.metrics().get("dimensions"));
        String log = Files.readString(workspace.resolve("logs/exp1.log"));
        assertTrue(log.contains("objective:  21.25"), log);
        assertTrue(log.contains("dimensions: 2"), log);
        assertTrue(Double.isNaN(e.peakMemoryGb()));
    }

    @Test
    void evaluate_paramsOrderedNaturally() throws IOException {
        StringBuilder params = new StringBuilder();
        for (int i = 10; i >= 0; i--) {
            params.append("x").append(i).append('=').append(i).append('\n');
        }
        write(workspace, "params.properties", params.toString());
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        Evaluation e = evaluate("bench:rosenbrock", 10, 0);

        assertEquals(Objective.ROSENBROCK.value(x), e.goal(), 1e-9);
    }

    @Test
    void evaluate_costBeyondBudgetIsTimeout() throws IOException {
        write(workspace, "params.properties", "x0=0\n");

        Evaluation e = evaluate("bench:sphere", 0.2, 60_000);

        assertEquals(Outcome.TIMEOUT, e.outcome());
        assertTrue(e.message().contains("budget of 0.2 s"), e.message());
        assertTrue(e.seconds() >= 0.2 && e.seconds() < 5, "seconds " + e.seconds());
    }

    @Test
    void evaluate_costWithinBudgetIsWaitedOut() throws IOException {
        write(workspace, "params.properties", "x0=3\n");

        Evaluation e = evaluate("bench:sphere", 5, 150);

        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(9.0, e.goal(), 1e-12);
        assertTrue(e.seconds() >= 0.15, "seconds " + e.seconds());
    }

    @Test
    void evaluate_missingParamsFileIsCrash() {
        Evaluation e = evaluate("bench:ackley", 10, 0);

        assertEquals(Outcome.CRASH, e.outcome());
        assertEquals("params file params.properties not found in the workspace", e.message());
        assertTrue(e.logTail().contains("not found"), e.logTail());
    }

    @Test
    void evaluate_paramsWithoutNumbersIsCrash() throws IOException {
        write(workspace, "params.properties", "mode=fast\n");

        Evaluation e = evaluate("bench:sphere", 10, 0);

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("no numeric parameters"), e.message());
    }

    @Test
    void evaluate_zeroCostOverheadIsSmall() throws IOException {
        write(workspace, "params.properties", "x0=1\nx1=2\nx2=3\n");
        Evaluator evaluator = new Evaluator(benchCampaign("bench:griewank", 10, 0));
        for (int i = 0; i < 2000; i++) { // warm up the JIT
            evaluator.evaluate("warm" + (i % 10), workspace, workspace.resolve("logs/warm" + (i % 10) + ".log"));
        }

        int n = 500;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals(Outcome.OK, evaluator.evaluate("e" + i, workspace, workspace.resolve("logs/e" + i + ".log"))
                    .outcome());
        }
        double meanMs = (System.nanoTime() - start) / 1e6 / n;

        // Typically ~0.1 ms; the bound only catches gross regressions (a spawned process, a workspace walk).
        assertTrue(meanMs < 5, "mean " + meanMs + " ms per evaluation");
    }
}
