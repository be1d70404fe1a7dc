package io.swarmhub.node;

import java.time.Duration;

/**
 * What a loop needs to know of its campaign: names for the record, the goal metric, the keep
 * rule, and when to stop ({@code maxExperiments} counts this run, {@code campaignMaxExperiments}
 * everything recorded; 0 means no limit; a null deadline means none).
 */
public record RatchetSettings(String campaign, String node, String metric, KeepRule keep, long maxExperiments,
                              long campaignMaxExperiments, Duration deadline) {
}
