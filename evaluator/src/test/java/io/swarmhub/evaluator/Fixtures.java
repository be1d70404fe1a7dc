package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.ScoreStep;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Campaigns, scripts and waits shared by the evaluator tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A campaign whose run step is {@code bash run.sh} in the workspace, judged on val_bpb. */
    static Campaign.Builder scriptCampaign(double budgetSeconds) {
        return Campaign.newBuilder()
                .setName("test")
                .setGoal(Goal.newBuilder().setMetric("val_bpb").setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("train.properties"))
                .setRun(RunStep.newBuilder().addAllCommand(List.of("bash", "run.sh")).setBudgetSeconds(budgetSeconds));
    }

    static Campaign.Builder withScore(Campaign.Builder campaign, double budgetSeconds) {
        return campaign.setScore(ScoreStep.newBuilder().addAllCommand(List.of("bash", "score.sh"))
                .setBudgetSeconds(budgetSeconds));
    }

    /** A campaign running a built-in benchmark, judged on its {@code objective} metric. */
    static Campaign benchCampaign(String builtin, double budgetSeconds, double costMs) {
        return Campaign.newBuilder()
                .setName("bench")
                .setGoal(Goal.newBuilder().setMetric("objective").setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("params.properties"))
                .setRun(RunStep.newBuilder().setBuiltin(builtin).setBudgetSeconds(budgetSeconds).setCostMs(costMs))
                .build();
    }

    static void write(Path workspace, String name, String text) throws IOException {
        Path file = workspace.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Polls {@code condition} until it holds or the deadline passes; fails the test on the deadline. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Whether the process is gone: no such pid, exited, or a zombie waiting for its parent to reap it. */
    static boolean gone(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }

    static long pid(Path workspace, String file) {
        try {
            return Long.parseLong(Files.readString(workspace.resolve(file)).trim());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("no pid in " + file, e);
        }
    }

    static boolean hasPid(Path workspace, String file) {
        try {
            return Files.readString(workspace.resolve(file)).endsWith("\n");
        } catch (IOException e) {
            return false;
        }
    }
}
