package io.swarmhub.node;

import java.util.List;

/** One dimension of a mutation proposer's search space. */
public record ParameterSpec(String name, Kind kind, double min, double max, List<String> choices) {
    /** The shape of a parameter. */
    public enum Kind { FLOAT, INT, LOG_FLOAT, CHOICE }

    public ParameterSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (kind == Kind.CHOICE ? choices.size() < 2 : !(min < max)) {
            throw new IllegalArgumentException("parameter " + name + ": empty range");
        }
        if (kind == Kind.LOG_FLOAT && min <= 0) {
            throw new IllegalArgumentException("parameter " + name + ": a log-scale range needs min > 0");
        }
    }
}
