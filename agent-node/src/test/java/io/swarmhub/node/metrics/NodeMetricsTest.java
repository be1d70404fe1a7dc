package io.swarmhub.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.swarmhub.node.Finding;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A node's meters as its listener hooks feed them. */
class NodeMetricsTest {
    private static final long START_MS = 1_000_000;
    private final AtomicLong depth = new AtomicLong();
    private final NodeMetrics metrics = new NodeMetrics("node-7", depth::get,
            Clock.fixed(Instant.ofEpochMilli(START_MS), ZoneOffset.UTC));

    @Test
    void experimentPublished_countsByCampaignStatusAndProposer() {
        metrics.experimentPublished(experiment("c", ExperimentStatus.KEEP, "mutation"));
        metrics.experimentPublished(experiment("c", ExperimentStatus.DISCARD, "mutation"));
        metrics.experimentPublished(experiment("c", ExperimentStatus.DISCARD, "mutation"));
        metrics.experimentPublished(experiment("c", ExperimentStatus.DISCARD, "llm"));
        metrics.experimentPublished(experiment("d", ExperimentStatus.CRASH, "llm"));
        assertEquals(2, count("swarmhub.node.experiments", "campaign", "c", "status", "DISCARD", "proposer", "mutation"));
        assertEquals(1, count("swarmhub.node.experiments", "campaign", "c", "status", "KEEP", "proposer", "mutation"));
        assertEquals(1, count("swarmhub.node.experiments", "campaign", "d", "status", "CRASH", "proposer", "llm"));
        assertEquals(5, metrics.registry().find("swarmhub.node.experiments").counters().stream()
                .mapToDouble(c -> c.count()).sum());
    }

    @Test
    void everyMeter_carriesTheNodeId() {
        metrics.experimentPublished(experiment("c", ExperimentStatus.KEEP, "mutation"));
        metrics.registry().getMeters().forEach(m -> assertEquals("node-7", m.getId().getTag("node"), m.getId().getName()));
        assertTrue(metrics.scrape().contains("swarmhub_node_experiments_total{campaign=\"c\",node=\"node-7\""));
    }

    @Test
    void findings_publishedHeardAndAdopted() {
        metrics.findingPublished(finding("c", START_MS));
        metrics.findingHeard(finding("c", START_MS), START_MS + 5);
        metrics.findingHeard(finding("d", START_MS), START_MS + 5);
        metrics.adopted("c", new Finding("f", "c", "node-1", 1.0, "", "", START_MS));
        assertEquals(1, count("swarmhub.findings.published", "campaign", "c"));
        assertEquals(1, count("swarmhub.findings.received", "campaign", "c"));
        assertEquals(1, count("swarmhub.findings.received", "campaign", "d"));
        assertEquals(1, count("swarmhub.adoptions", "campaign", "c"));
    }

    @Test
    void gossipLag_measuresLiveFindingsOnly() {
        metrics.findingHeard(finding("c", START_MS - 60_000), START_MS + 10); // history read at start: not gossip
        metrics.findingHeard(finding("c", START_MS + 100), START_MS + 130);
        metrics.findingHeard(finding("c", START_MS + 200), START_MS + 1200);
        metrics.findingHeard(finding("c", START_MS + 300), START_MS + 290); // clocks apart: counted as 0
        Timer lag = metrics.registry().get("swarmhub.gossip.lag").timer();
        assertEquals(3, lag.count());
        assertEquals(1030, lag.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(1000, lag.max(TimeUnit.MILLISECONDS), 1e-9);
    }

    @Test
    void outboxDepth_readsTheOutboxAtScrapeTime() {
        depth.set(17);
        assertEquals(17, metrics.registry().get("swarmhub.outbox.depth").gauge().value());
        depth.set(0);
        assertEquals(0, metrics.registry().get("swarmhub.outbox.depth").gauge().value());
    }

    private double count(String name, String... tags) {
        return metrics.registry().get(name).tags(tags).counter().count();
    }

    private static ExperimentEvent experiment(String campaign, ExperimentStatus status, String proposer) {
        return ExperimentEvent.newBuilder().setCampaignId(campaign).setStatus(status).setProposer(proposer).build();
    }

    private static FindingEvent finding(String campaign, long publishedAtMs) {
        return FindingEvent.newBuilder().setExperiment(ExperimentEvent.newBuilder().setCampaignId(campaign))
                .setPublishedAtMs(publishedAtMs).build();
    }
}
