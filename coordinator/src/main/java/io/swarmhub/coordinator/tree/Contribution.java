package io.swarmhub.coordinator.tree;

/**
 * What one contributor (a node, or a proposer) added to a campaign's tree: how many
 * experiments, how many were kept, and when the first and the last of them finished.
 */
public record Contribution(String key, long experiments, long kept, long firstFinishedMs, long lastFinishedMs) {

    /** Kept experiments over all experiments; 0 when there are none. */
    public double keepRate() {
        return experiments == 0 ? 0 : (double) kept / experiments;
    }

    /** Adds one experiment to a contribution (null = the first one). */
    static Contribution add(Contribution c, String key, boolean kept, long finishedAtMs) {
        if (c == null) {
            return new Contribution(key, 1, kept ? 1 : 0, finishedAtMs, finishedAtMs);
        }
        return new Contribution(key, c.experiments + 1, c.kept + (kept ? 1 : 0),
                Math.min(c.firstFinishedMs, finishedAtMs), Math.max(c.lastFinishedMs, finishedAtMs));
    }

    /** Two contributions of the same key summed (for totals across campaigns). */
    public Contribution plus(Contribution o) {
        return new Contribution(key, experiments + o.experiments, kept + o.kept,
                Math.min(firstFinishedMs, o.firstFinishedMs), Math.max(lastFinishedMs, o.lastFinishedMs));
    }
}
