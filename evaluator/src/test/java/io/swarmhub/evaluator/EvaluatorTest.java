package io.swarmhub.evaluator;

import static io.swarmhub.evaluator.Fixtures.await;
import static io.swarmhub.evaluator.Fixtures.gone;
import static io.swarmhub.evaluator.Fixtures.pid;
import static io.swarmhub.evaluator.Fixtures.scriptCampaign;
import static io.swarmhub.evaluator.Fixtures.withScore;
import static io.swarmhub.evaluator.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator on real processes: bash scripts in temporary workspaces. */
class EvaluatorTest {
    @TempDir
    Path workspace;
    @TempDir
    Path logs;

    private Evaluation run(Campaign campaign, String script) throws IOException {
        write(workspace, "run.sh", script);
        return new Evaluator(campaign).evaluate("exp1", workspace, logs.resolve("exp1.log"));
    }

    @Test
    void evaluate_timeoutKillsChildAndGrandchild() throws IOException {
        Evaluation e = run(scriptCampaign(1).build(),
                "sleep 300 & echo $! > grandchild.pid\necho $$ > child.pid\nsleep 300\n");

        assertEquals(Outcome.TIMEOUT, e.outcome());
        assertTrue(e.message().contains("run exceeded budget of 1.0 s"), e.message());
        assertTrue(e.seconds() >= 1 && e.seconds() < 10, "seconds " + e.seconds());
        long child = pid(workspace, "child.pid");
        long grandchild = pid(workspace, "grandchild.pid");
        await("child and grandchild are gone", Duration.ofSeconds(5), () -> gone(child) && gone(grandchild));
    }

    @Test
    void evaluate_orphanedGrandchildIsKilledAfterNormalExit() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(),
                "(sleep 300 & echo $! > grandchild.pid)\necho 'val_bpb: 1.5'\n");

        assertEquals(Outcome.OK, e.outcome(), e.message());
        long grandchild = pid(workspace, "grandchild.pid");
        await("orphaned grandchild is gone", Duration.ofSeconds(5), () -> gone(grandchild));
    }

    @Test
    void evaluate_crashReportsExitCodeAndTail() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(), "echo step 1\necho 'val_bpb: 0.5'\necho boom >&2\nexit 3\n");

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("exited with code 3"), e.message());
        assertTrue(e.logTail().contains("boom"), e.logTail());
        assertTrue(e.logTail().contains("step 1"), e.logTail());
    }

    @Test
    void evaluate_summaryLineGivesGoal() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(),
                "echo 'val_bpb:          1.25'\necho '---'\necho 'val_bpb:          0.99'\necho 'steps: 12'\n");

        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(0.99, e.goal(), 1e-12);
        assertEquals(Map.of("val_bpb", 0.99, "steps", 12.0), e.metrics());
        assertEquals("", e.message());
        assertTrue(Files.readString(logs.resolve("exp1.log")).contains("val_bpb:          1.25"));
    }

    @Test
    void evaluate_jsonLineGivesMetrics() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(),
                "echo '{\"val_bpb\": 0.75, \"steps\": 10, \"note\": \"fast\"}'\n");

        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(0.75, e.goal(), 1e-12);
        assertEquals(Map.of("val_bpb", 0.75, "steps", 10.0), e.metrics());
    }

    @Test
    void evaluate_nanGoalIsCrash() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(), "echo 'val_bpb: nan'\n");

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("NaN"), e.message());
        assertTrue(Double.isNaN(e.goal()));
    }

    @Test
    void evaluate_missingGoalIsCrash() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(), "echo 'loss: 2.0'\n");

        assertEquals(Outcome.CRASH, e.outcome());
        assertEquals("no `val_bpb:` line in output", e.message());
        assertEquals(Map.of("loss", 2.0), e.metrics());
    }

    @Test
    void evaluate_protectedFileEditedIsInvalid() throws IOException {
        write(workspace, "eval/judge.py", "print('fair')\n");
        Campaign campaign = scriptCampaign(10)
                .setWorkspace(io.swarmhub.protocol.v1.WorkspaceSpec.newBuilder()
                        .addEditable("run.sh").addProtected("eval/**"))
                .build();

        Evaluation e = run(campaign, "echo \"print('rigged')\" > eval/judge.py\necho 'val_bpb: 0.1'\n");

        assertEquals(Outcome.INVALID, e.outcome());
        assertTrue(e.message().contains("eval/judge.py"), e.message());
    }

    @Test
    void evaluate_scoreStepOverridesRunMetrics() throws IOException {
        write(workspace, "score.sh", "echo \"val_bpb: 0.8\"\necho \"judge: $SWARM_EXPERIMENT_ID\"\n");

        Evaluation e = run(withScore(scriptCampaign(10), 0).build(), "echo 'val_bpb: 0.1'\necho 'steps: 5'\n");

        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(0.8, e.goal(), 1e-12);
        assertEquals(5.0, e.metrics().get("steps"));
    }

    @Test
    void evaluate_scoreStepCrashIsCrash() throws IOException {
        write(workspace, "score.sh", "echo 'cannot score' >&2\nexit 2\n");

        Evaluation e = run(withScore(scriptCampaign(10), 0).build(), "echo 'val_bpb: 0.1'\n");

        assertEquals(Outcome.CRASH, e.outcome());
        assertTrue(e.message().contains("score step exited with code 2"), e.message());
        assertTrue(e.logTail().contains("cannot score"), e.logTail());
    }

    @Test
    void evaluate_scoreStepTimeoutIsTimeout() throws IOException {
        write(workspace, "score.sh", "sleep 300\n");

        Evaluation e = run(withScore(scriptCampaign(10), 0.5).build(), "echo 'val_bpb: 0.1'\n");

        assertEquals(Outcome.TIMEOUT, e.outcome());
        assertTrue(e.message().contains("score step exceeded budget of 0.5 s"), e.message());
    }

    @Test
    void evaluate_environmentIsScrubbed() throws IOException {
        Campaign campaign = scriptCampaign(10)
                .setRun(scriptCampaign(7).getRun().toBuilder().putEnv("SEED", "42"))
                .build();
        write(workspace, "run.sh", "env > seen.env\necho 'val_bpb: 1'\n");
        Map<String, String> parent = Map.of("PATH", System.getenv("PATH"), "HOME", "/home/x",
                "SWARM_TOKEN", "secret", "AWS_SECRET_ACCESS_KEY", "secret");

        Evaluation e = new Evaluator(campaign, parent, StepRunner.detect())
                .evaluate("01HEXP", workspace, logs.resolve("exp1.log"));

        assertEquals(Outcome.OK, e.outcome(), e.message());
        String env = Files.readString(workspace.resolve("seen.env"));
        assertFalse(env.contains("secret"), env);
        assertTrue(env.contains("SEED=42"), env);
        assertTrue(env.contains("HOME=/home/x"), env);
        assertTrue(env.contains("SWARM_EXPERIMENT_ID=01HEXP"), env);
        assertTrue(env.contains("SWARM_BUDGET_SECONDS=7"), env);
        assertTrue(env.contains("SWARM_WORKSPACE=" + workspace.toAbsolutePath()), env);
    }

    @Test
    void evaluate_reportedMemoryIsPreferred() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(), "echo 'val_bpb: 1'\necho 'peak_vram_mb: 2048.0'\n");

        assertEquals(2.0, e.peakMemoryGb(), 1e-12);
    }

    @Test
    void evaluate_memoryIsSampledWhenNotReported() throws IOException {
        Evaluation e = run(scriptCampaign(10).build(), "sleep 0.4\necho 'val_bpb: 1'\n");

        assertTrue(e.peakMemoryGb() > 0 && e.peakMemoryGb() < 4, "peak " + e.peakMemoryGb());
    }

    @Test
    void evaluate_appendsToExistingLogAndTailsOnlyThisEvaluation() throws IOException {
        Files.writeString(logs.resolve("exp1.log"), "val_bpb: 0.01\nearlier evaluation\n");

        Evaluation e = run(scriptCampaign(10).build(), "echo 'loss: 3'\n");

        assertEquals(Outcome.CRASH, e.outcome(), "metrics before this evaluation must not count");
        assertFalse(e.logTail().contains("earlier evaluation"), e.logTail());
        assertTrue(Files.readString(logs.resolve("exp1.log")).startsWith("val_bpb: 0.01\n"));
    }

    @Test
    void evaluate_missingCommandIsCrash() throws IOException {
        Campaign campaign = scriptCampaign(10)
                .setRun(scriptCampaign(10).getRun().toBuilder().clearCommand().addCommand("no-such-binary-xyz"))
                .build();

        Evaluation e = new Evaluator(campaign).evaluate("exp1", workspace, logs.resolve("exp1.log"));

        assertEquals(Outcome.CRASH, e.outcome());
        assertFalse(e.message().isEmpty());
    }

    @Test
    void evaluate_withoutSetsidStillKillsTree() throws IOException {
        write(workspace, "run.sh", "sleep 300 & echo $! > grandchild.pid\necho $$ > child.pid\nsleep 300\n");
        Evaluator evaluator = new Evaluator(scriptCampaign(1).build(), System.getenv(), new StepRunner(null));

        Evaluation e = evaluator.evaluate("exp1", workspace, logs.resolve("exp1.log"));

        assertEquals(Outcome.TIMEOUT, e.outcome());
        long child = pid(workspace, "child.pid");
        long grandchild = pid(workspace, "grandchild.pid");
        await("child and grandchild are gone", Duration.ofSeconds(5), () -> gone(child) && gone(grandchild));
    }
}
