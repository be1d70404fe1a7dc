package io.swarmhub.evaluator;

import static io.swarmhub.evaluator.Fixtures.await;
import static io.swarmhub.evaluator.Fixtures.benchCampaign;
import static io.swarmhub.evaluator.Fixtures.gone;
import static io.swarmhub.evaluator.Fixtures.hasPid;
import static io.swarmhub.evaluator.Fixtures.pid;
import static io.swarmhub.evaluator.Fixtures.scriptCampaign;
import static io.swarmhub.evaluator.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Evaluator#abort()} from another thread, during a real run and during a simulated cost. */
class EvaluatorAbortTest {
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    @TempDir
    Path workspace;

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void abort_duringLongRunReturnsAbortedAndKillsTree() throws Exception {
        write(workspace, "run.sh", "sleep 300 & echo $! > grandchild.pid\necho $$ > child.pid\nsleep 300\n");
        Evaluator evaluator = new Evaluator(scriptCampaign(120).build());
        CompletableFuture<Evaluation> result = CompletableFuture.supplyAsync(
                () -> evaluator.evaluate("exp1", workspace, workspace.resolve("exp1.log")), loop);
        await("the run started", Duration.ofSeconds(10),
                () -> hasPid(workspace, "child.pid") && hasPid(workspace, "grandchild.pid"));

        assertThrows(IllegalStateException.class,
                () -> evaluator.evaluate("exp2", workspace, workspace.resolve("exp2.log")), "one at a time");

        long aborted = System.nanoTime();
        evaluator.abort();
        Evaluation e = result.get(10, TimeUnit.SECONDS);

        assertEquals(Outcome.ABORTED, e.outcome());
        assertEquals("interrupted", e.message());
        assertTrue(System.nanoTime() - aborted < TimeUnit.SECONDS.toNanos(3), "abort took too long");
        long child = pid(workspace, "child.pid");
        long grandchild = pid(workspace, "grandchild.pid");
        await("child and grandchild are gone", Duration.ofSeconds(5), () -> gone(child) && gone(grandchild));
    }

    @Test
    void abort_duringSimulatedCostReturnsAborted() throws Exception {
        write(workspace, "params.properties", "x0=1\n");
        Evaluator evaluator = new Evaluator(benchCampaign("bench:sphere", 120, 60_000));
        CompletableFuture<Evaluation> result = CompletableFuture.supplyAsync(
                () -> evaluator.evaluate("exp1", workspace, workspace.resolve("exp1.log")), loop);

        // abort() is a no-op while idle, so keep asking until the evaluation has picked it up.
        await("the evaluation returned", Duration.ofSeconds(10), () -> {
            evaluator.abort();
            return result.isDone();
        });
        Evaluation e = result.get(1, TimeUnit.SECONDS);

        assertEquals(Outcome.ABORTED, e.outcome());
        assertEquals("interrupted", e.message());
        assertTrue(e.seconds() < 10, "seconds " + e.seconds());
    }

    @Test
    void abort_whenIdleDoesNotAffectTheNextEvaluation() throws Exception {
        write(workspace, "run.sh", "echo 'val_bpb: 1.0'\n");
        Evaluator evaluator = new Evaluator(scriptCampaign(10).build());

        evaluator.abort();
        Evaluation e = evaluator.evaluate("exp1", workspace, workspace.resolve("exp1.log"));

        assertEquals(Outcome.OK, e.outcome(), e.message());
    }
}
