package io.swarmhub.coordinator.projection;

import io.swarmhub.protocol.v1.CampaignEvent;

/**
 * Appends campaign events to the log. {@link #append} returns once this coordinator's
 * projection has applied the event, so a launch is visible to the caller's next read.
 */
public interface CampaignLog {
    /** Appends the event and waits until it is applied; throws {@link LogUnavailableException}. */
    void append(CampaignEvent event);
}
