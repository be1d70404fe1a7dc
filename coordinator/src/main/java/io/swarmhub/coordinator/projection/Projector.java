package io.swarmhub.coordinator.projection;

import io.swarmhub.coordinator.campaign.CampaignEntry;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.ExperimentEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies log events to the coordinator's state: experiments into the forest, campaigns into
 * the registry, and campaign base bundles into the bundle store.
 */
public final class Projector implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final ExperimentForest forest;
    private final CampaignRegistry<Campaign> campaigns;
    private final BundleStore bundles;

    public Projector(ExperimentForest forest, CampaignRegistry<Campaign> campaigns, BundleStore bundles) {
        this.forest = forest;
        this.campaigns = campaigns;
        this.bundles = bundles;
    }

    @Override
    public void applyExperiment(ExperimentEvent event) {
        forest.insert(WireFormat.toExperiment(event));
    }

    @Override
    public void applyCampaign(CampaignEvent event) {
        CampaignEntry<Campaign> entry = WireFormat.toCampaignEntry(event);
        if (!event.getBaseBundle().isEmpty()) {
            try {
                bundles.put(entry.id(), event.getBaseBundle().toByteArray());
            } catch (IOException e) {
                // Not the record's fault: keep the campaign; FetchWorkspace will report the missing bundle.
                LOG.error("cannot store the base bundle of campaign {}: {}", entry.id(), e.toString());
            }
        }
        campaigns.apply(entry);
    }
}
