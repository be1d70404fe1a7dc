package io.swarmhub.coordinator.tree;

/** Which way a campaign's goal metric improves. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code candidate} is strictly better than {@code incumbent} in this direction. */
    public boolean better(double candidate, double incumbent) {
        return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
    }
}
