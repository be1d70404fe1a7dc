package io.swarmhub.protocol;

import java.util.List;
import java.util.stream.Stream;

/** The built-in run steps a campaign may name with {@code run: { builtin: ... }}. */
public final class Builtins {
    /** Benchmark objectives: {@code bench:NAME}, reading parameters from a properties file. */
    public static final List<String> OBJECTIVES =
            List.of("sphere", "rosenbrock", "rastrigin", "ackley", "griewank", "schwefel");
    /** The metric every built-in objective reports. */
    public static final String OBJECTIVE_METRIC = "objective";
    /** The byte-level language model workload (docs/charlm.md): Train.java + train.properties, in a child JVM. */
    public static final String CHARLM = "charlm";
    /** The metric charlm reports (validation bits per byte, lower is better). */
    public static final String CHARLM_METRIC = "val_bpb";
    /** Seconds of a charlm budget kept for start-up and evaluation; training gets the rest. */
    public static final double CHARLM_RESERVE_SECONDS = 15;

    private Builtins() {
    }

    /** Whether the name is a known built-in. */
    public static boolean isKnown(String builtin) {
        return builtin.equals(CHARLM)
                || builtin.startsWith("bench:") && OBJECTIVES.contains(builtin.substring("bench:".length()));
    }

    /** All names a user may write, for error messages. */
    public static List<String> names() {
        return Stream.concat(OBJECTIVES.stream().map(o -> "bench:" + o), Stream.of(CHARLM)).toList();
    }
}
