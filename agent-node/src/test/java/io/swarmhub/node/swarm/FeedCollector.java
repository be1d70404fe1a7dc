package io.swarmhub.node.swarm;

import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.util.ArrayList;
import java.util.List;

/** A {@link SwarmFeed.Listener} that keeps the events of campaigns whose id starts with a prefix. */
final class FeedCollector implements SwarmFeed.Listener {
    /** One finding as received, with the feed's receive time. */
    record Received(FindingEvent finding, long receivedAtMs) {
    }

    private final String campaignPrefix;
    private final List<ExperimentEvent> experiments = new ArrayList<>();
    private final List<Received> findings = new ArrayList<>();

    FeedCollector(String campaignPrefix) {
        this.campaignPrefix = campaignPrefix;
    }

    @Override
    public synchronized void onFinding(FindingEvent finding, long receivedAtMs) {
        if (finding.getExperiment().getCampaignId().startsWith(campaignPrefix)) {
            findings.add(new Received(finding, receivedAtMs));
        }
    }

    @Override
    public synchronized void onExperiment(ExperimentEvent experiment) {
        if (experiment.getCampaignId().startsWith(campaignPrefix)) {
            experiments.add(experiment);
        }
    }

    synchronized List<ExperimentEvent> experiments() {
        return List.copyOf(experiments);
    }

    synchronized List<Received> findings() {
        return List.copyOf(findings);
    }

    synchronized int size() {
        return experiments.size() + findings.size();
    }
}
