package io.swarmhub.evaluator;

import io.swarmhub.evaluator.charlm.CharLmMain;
import io.swarmhub.evaluator.charlm.RecipeCompiler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run step of {@code run: { builtin: charlm }} (docs/charlm.md): compiles the workspace's {@code Train.java}
 * here, in the node's warm JVM, then runs the protected harness {@link CharLmMain} in a child JVM on this JVM's
 * classpath, through the same {@link StepRunner} as any command: budget, process-tree kill, log file, metrics.
 */
final class CharLmStep {
    private final String java;
    private final String classpath;

    CharLmStep() {
        this(Path.of(System.getProperty("java.home"), "bin", "java").toString(), System.getProperty("java.class.path"));
    }

    CharLmStep(String java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    /** Compiles Train.java into {@code classes}; the CRASH reason (diagnostics appended to the log) if it fails. */
    Optional<String> compile(Path workspace, Path classes, RunLog log) {
        long start = System.nanoTime();
        StringBuilder diagnostics = new StringBuilder();
        Optional<String> error = RecipeCompiler.compileInto(workspace, classes, diagnostics);
        log.append(diagnostics.toString());
        if (error.isPresent()) {
            log.append(CharLmMain.ERROR_PREFIX + error.get() + "\n");
        } else {
            log.append(String.format(Locale.ROOT, "[swarmhub] compiled %s in %.2f s%n", RecipeCompiler.SOURCE,
                    (System.nanoTime() - start) / 1e9));
        }
        return error;
    }

    /** The child JVM's command line; the harness reads device, threads and cache from the environment. */
    List<String> command(Path classes) {
        List<String> argv = new ArrayList<>(List.of(java, "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dslf4j.internal.verbosity=ERROR",
                "-D" + RecipeCompiler.CLASSES_PROPERTY + "=" + classes, "-cp", classpath,
                CharLmMain.class.getName()));
        return argv;
    }

    /** How the command is logged: the classpath can be thousands of characters long. */
    String describe(Path classes) {
        int entries = classpath.isEmpty() ? 0 : classpath.split(File.pathSeparator).length;
        return String.join(" ", command(classes)).replace(classpath, "<this JVM's classpath, " + entries + " entries>");
    }

    /** What the harness needs on top of the scrubbed environment: OpenMP threads that sleep when idle. */
    static Map<String, String> environment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>(env);
        // Spinning OpenMP workers slow PyTorch several-fold on a busy machine (measured 5x with 2 threads).
        out.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return out;
    }

    /** The reason the harness printed before exiting non-zero, if any, from the step's log text. */
    static Optional<String> crashReason(String logText) {
        String reason = null;
        for (String line : logText.split("\n")) {
            if (line.startsWith(CharLmMain.ERROR_PREFIX)) {
                reason = line.substring(CharLmMain.ERROR_PREFIX.length()).strip();
            }
        }
        return Optional.ofNullable(reason);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }
}
