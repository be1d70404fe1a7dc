package io.swarmhub.coordinator.campaign;

/** Whether nodes should work on a campaign. */
public enum CampaignState {
    ACTIVE,
    STOPPED
}
