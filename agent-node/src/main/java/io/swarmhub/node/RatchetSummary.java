package io.swarmhub.node;

import io.swarmhub.protocol.Status;
import java.util.Map;

/**
 * What a loop did: experiments this run and in total, keeps, outcomes of this run by status, the
 * baseline metric, the best experiment, keep rate per proposer, elapsed seconds and why it stopped.
 * {@code failed} is true when the campaign could not run at all (a failed baseline).
 */
public record RatchetSummary(long runExperiments, long totalExperiments, long kept, Map<Status, Long> runByStatus,
                             double baseline, Experiment best, Map<String, ProposerStats> proposers,
                             double seconds, String stopReason, boolean failed) {

    /** How often a proposer's experiments were kept. */
    public record ProposerStats(long experiments, long kept) {
        public double keepRate() {
            return experiments == 0 ? 0 : (double) kept / experiments;
        }
    }
}
