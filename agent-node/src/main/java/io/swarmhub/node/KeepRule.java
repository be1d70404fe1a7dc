package io.swarmhub.node;

/**
 * When a child beats its parent: strictly better by more than {@code minDelta} in the goal's
 * direction. Equal or worse is a discard; so is any non-finite value.
 */
public record KeepRule(boolean minimize, double minDelta) {
    public KeepRule {
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number >= 0, got " + minDelta);
        }
    }

    /** Whether a candidate with this metric is kept over a parent with that one. */
    public boolean keeps(double candidate, double parent) {
        if (!Double.isFinite(candidate)) {
            return false;
        }
        if (!Double.isFinite(parent)) {
            return true;
        }
        double gain = minimize ? parent - candidate : candidate - parent;
        return gain > minDelta;
    }

    /** Whether a is better than b at all (no threshold); used to rank findings. */
    public boolean better(double a, double b) {
        if (!Double.isFinite(a)) {
            return false;
        }
        return !Double.isFinite(b) || (minimize ? a < b : a > b);
    }
}
