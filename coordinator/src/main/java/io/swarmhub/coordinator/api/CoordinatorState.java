package io.swarmhub.coordinator.api;

import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.BundleStore;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.protocol.v1.Campaign;

/** What the gRPC API serves: the projected state, node leases, and the campaign controls. */
public record CoordinatorState(
        ExperimentForest forest,
        CampaignRegistry<Campaign> campaigns,
        NodeRegistry nodes,
        ParentPolicy policy,
        BundleStore bundles,
        CampaignControl control,
        UlidSource ids,
        String kafkaBootstrap) {
}
