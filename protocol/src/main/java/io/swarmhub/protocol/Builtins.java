package io.swarmhub.protocol;

import java.util.List;

/** The built-in run steps a campaign may name with {@code run: { builtin: ... }}. */
public final class Builtins {
    /** Benchmark objectives: {@code bench:NAME}, reading parameters from a properties file. */
    public static final List<String> OBJECTIVES =
            List.of("sphere", "rosenbrock", "rastrigin", "ackley", "griewank", "schwefel");
    /** The metric every built-in objective reports. */
    public static final String OBJECTIVE_METRIC = "objective";

    private Builtins() {
    }

    /** Whether the name is a known built-in. */
    public static boolean isKnown(String builtin) {
        return builtin.startsWith("bench:") && OBJECTIVES.contains(builtin.substring("bench:".length()));
    }

    /** All names a user may write, for error messages. */
    public static List<String> names() {
        return OBJECTIVES.stream().map(o -> "bench:" + o).toList();
    }
}
