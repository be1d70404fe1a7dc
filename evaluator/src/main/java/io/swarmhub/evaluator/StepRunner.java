package io.swarmhub.evaluator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external step (the run or the score command) in the workspace under a wall-clock budget,
 * stdout and stderr appended straight to the log file. The child starts under {@code setsid} so that it
 * leads its own session and process group, and its whole tree can be killed at once.
 */
final class StepRunner {
    /** How a step ended. */
    enum End { EXITED, TIMED_OUT, ABORTED, NOT_STARTED }

    /** The end of one step; {@code error} says why it did not start. */
    record Result(End end, int exitCode, long peakRssBytes, String error) {
    }

    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REAP_SECONDS = 5;

    private final String setsid;

    /** @param setsid path of the setsid binary, or null to start children directly */
    StepRunner(String setsid) {
        this.setsid = setsid;
    }

    static StepRunner detect() {
        return new StepRunner(ProcessTree.firstExecutable("/usr/bin/setsid", "/bin/setsid"));
    }

    Result run(List<String> command, Path workspace, Map<String, String> env, double budgetSeconds, Path log,
               AbortSignal signal) {
        if (signal.isAborted()) {
            return new Result(End.ABORTED, -1, -1, "");
        }
        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            argv.add(setsid);
            argv.add("-w"); // only matters if setsid must fork: keeps the child's exit code
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Result(End.NOT_STARTED, -1, -1, e.getMessage());
        }
        ProcessTree tree = new ProcessTree(process.toHandle(), setsid != null);
        signal.attach(tree::kill);
        long peak = -1;
        try {
            closeStdin(process);
            long deadline = start + Math.round(budgetSeconds * 1e9);
            while (true) {
                peak = Math.max(peak, tree.rssBytes());
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    tree.kill();
                    reap(process);
                    return new Result(signal.isAborted() ? End.ABORTED : End.TIMED_OUT, -1, peak, "");
                }
                if (process.waitFor(Math.min(remaining, SAMPLE_NANOS), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signal.abort();
            tree.kill();
            reap(process);
        } finally {
            signal.detach();
            tree.killLeftovers();
        }
        if (signal.isAborted()) {
            return new Result(End.ABORTED, -1, peak, "");
        }
        return new Result(End.EXITED, process.exitValue(), peak, "");
    }

    private static void closeStdin(Process process) {
        try {
            process.getOutputStream().close(); // a step that reads stdin sees EOF instead of hanging
        } catch (IOException e) {
            // the child already exited
        }
    }

    /** Waits briefly for the killed root; a process stuck in the kernel must not hang the node. */
    private static void reap(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
