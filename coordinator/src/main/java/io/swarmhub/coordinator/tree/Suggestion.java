package io.swarmhub.coordinator.tree;

import java.util.Optional;

/** A suggested parent and why: the best, an exploration pick, or none yet (run a baseline). */
public record Suggestion(Optional<Experiment> parent, Reason reason) {
    /** Why this parent. */
    public enum Reason {
        BEST,
        EXPLORE,
        BASELINE
    }

    /** No experiment yet: the node should run the campaign's baseline. */
    public static Suggestion baseline() {
        return new Suggestion(Optional.empty(), Reason.BASELINE);
    }
}
