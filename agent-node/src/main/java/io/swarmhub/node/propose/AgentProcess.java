package io.swarmhub.node.propose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an agent's command under a time limit. Like the evaluator's run step, the command
 * starts under {@code setsid}, so at the limit (or when the node stops) its whole process group is
 * killed with one signal, plus every descendant still visible.
 */
final class AgentProcess {
    /** How the run ended; {@code exitCode} is -1 when it was killed. */
    record Result(boolean timedOut, int exitCode) {
    }

    private static final String SETSID = first("/usr/bin/setsid", "/bin/setsid");
    private static final String KILL = first("/bin/kill", "/usr/bin/kill");

    private AgentProcess() {
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout, Path log)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        if (SETSID != null) {
            argv.add(SETSID);
            argv.add("-w");
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            p.getOutputStream().close(); // an agent waiting for input sees EOF, not a hang
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(p);
                return new Result(true, -1);
            }
            return new Result(false, p.exitValue());
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } finally {
            killGroup(p.pid()); // background processes the agent left behind
        }
    }

    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> descendants = p.descendants().toList();
        killGroup(p.pid());
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.waitFor(5, TimeUnit.SECONDS);
    }

    private static void killGroup(long pid) {
        if (SETSID == null || KILL == null) {
            return;
        }
        try {
            Process k = new ProcessBuilder(KILL, "-KILL", "--", "-" + pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.getOutputStream().close();
            k.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill binary: the descendants walk did what it could
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
