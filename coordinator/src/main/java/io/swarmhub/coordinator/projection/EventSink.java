package io.swarmhub.coordinator.projection;

import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.ExperimentEvent;

/**
 * Where decoded log events go. An event the sink cannot accept (missing id, no status) makes
 * it throw {@link IllegalArgumentException}; the log reader then dead-letters the record.
 */
public interface EventSink {
    /** Applies one experiment outcome from the experiments topic. */
    void applyExperiment(ExperimentEvent event);

    /** Applies one campaign definition or state change from the campaigns topic. */
    void applyCampaign(CampaignEvent event);
}
