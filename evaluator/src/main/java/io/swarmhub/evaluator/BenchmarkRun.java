package io.swarmhub.evaluator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The run step of a built-in benchmark ({@code bench:NAME}): reads the point from the workspace's params
 * file, waits out the simulated cost (abortable), evaluates the {@link Objective} in-process, and reports
 * {@code objective:} and {@code dimensions:} lines to the log like any external run would.
 */
final class BenchmarkRun {
    /** The metric every built-in objective reports. */
    static final String METRIC = "objective";

    /** What the step produced; {@code message} is empty unless it failed. */
    record Result(Outcome outcome, Map<String, Double> metrics, String message) {
    }

    private final Objective objective;
    private final String paramsFile;
    private final double costMs;

    BenchmarkRun(Objective objective, String paramsFile, double costMs) {
        this.objective = objective;
        this.paramsFile = paramsFile;
        this.costMs = costMs;
    }

    Result run(Path workspace, RunLog log, double budgetSeconds, AbortSignal signal) {
        String header = "[swarmhub] run step: " + objective.builtinName() + " on " + paramsFile + "\n";
        double[] x;
        try {
            x = readPoint(workspace);
        } catch (IllegalArgumentException e) {
            log.append(header);
            return new Result(Outcome.CRASH, Map.of(), e.getMessage());
        }
        double budgetMs = budgetSeconds * 1000;
        if (costMs > 0) {
            if (signal.await(Math.min(costMs, budgetMs))) {
                log.append(header);
                return new Result(Outcome.ABORTED, Map.of(), "interrupted");
            }
            if (costMs > budgetMs) {
                log.append(header);
                return new Result(Outcome.TIMEOUT, Map.of(), "run exceeded budget of " + budgetSeconds
                        + " s (simulated cost " + costMs + " ms)");
            }
        }
        double value = objective.value(x);
        log.append(header + "objective:  " + value + "\ndimensions: " + x.length + "\n");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(METRIC, value);
        metrics.put("dimensions", (double) x.length);
        return new Result(Outcome.OK, metrics, "");
    }

    private double[] readPoint(Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        Path file = root.resolve(paramsFile).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("params file " + paramsFile + " is outside the workspace");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("params file " + paramsFile + " not found in the workspace");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read params file " + paramsFile + ": " + e.getMessage());
        }
        double[] x = BenchmarkParams.point(properties);
        if (x.length == 0) {
            throw new IllegalArgumentException("params file " + paramsFile + " has no numeric parameters");
        }
        return x;
    }
}
