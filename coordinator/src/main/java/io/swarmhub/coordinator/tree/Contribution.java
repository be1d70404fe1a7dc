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

    /** A running tally the tree updates in place on every insert (no allocation per experiment). */
    static final class Tally {
        private final String key;
        private long experiments;
        private long kept;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        Tally(String key) {
            this.key = key;
        }

        void add(boolean keep, long finishedAtMs) {
            experiments++;
            kept += keep ? 1 : 0;
            first = Math.min(first, finishedAtMs);
            last = Math.max(last, finishedAtMs);
        }

        Contribution snapshot() {
            return new Contribution(key, experiments, kept, first, last);
        }
    }

    /** Two contributions of the same key summed (for totals across campaigns). */
    public Contribution plus(Contribution o) {
        return new Contribution(key, experiments + o.experiments, kept + o.kept,
                Math.min(firstFinishedMs, o.firstFinishedMs), Math.max(lastFinishedMs, o.lastFinishedMs));
    }
}
