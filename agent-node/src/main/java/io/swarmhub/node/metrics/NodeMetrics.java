package io.swarmhub.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swarmhub.node.Finding;
import io.swarmhub.node.agent.NodeListener;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A node's Prometheus metrics (docs/metrics.md), every meter labelled with the node id: the
 * experiments and findings its slots hand to the outbox, the findings it hears and adopts, the
 * outbox depth, and the gossip lag (a finding's {@code published_at_ms} to its arrival here).
 * Fed as the agent's {@link NodeListener}.
 *
 * <p>Gossip lag counts only findings published after these metrics were created: a starting node
 * reads the whole findings topic, and the age of old findings is not gossip latency. A negative
 * lag (clocks of two machines apart) is recorded as 0.
 */
public final class NodeMetrics implements NodeListener {
    /** Bucket bounds of the gossip lag histogram: a healthy swarm is in the tens of milliseconds. */
    static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final long startedAtMs;
    private final Timer gossipLag;

    /**
     * @param nodeId      the {@code node} label of every meter
     * @param outboxDepth events in the outbox not yet acknowledged by Kafka
     * @param clock       the agent's clock (the start time that separates history from live gossip)
     */
    public NodeMetrics(String nodeId, LongSupplier outboxDepth, Clock clock) {
        registry.config().commonTags("node", nodeId);
        this.startedAtMs = clock.millis();
        Gauge.builder("swarmhub.outbox.depth", outboxDepth::getAsLong)
                .description("Events in the node's outbox not yet acknowledged by Kafka").register(registry);
        gossipLag = Timer.builder("swarmhub.gossip.lag")
                .description("From a finding's publication (published_at_ms) to its arrival at this node")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Exports {@code swarmhub_kafka_consumer_lag{consumer="node-feed",topic}}: records the node's
     * feed has yet to read per topic (the consumer's {@code records-lag}), NaN before its first fetch.
     */
    public NodeMetrics consumerLag(List<String> topics, ToDoubleFunction<String> lagOf) {
        for (String topic : topics) {
            Gauge.builder("swarmhub.kafka.consumer.lag", () -> lagOf.applyAsDouble(topic))
                    .description("Records the consumer has yet to read, summed over the topic's partitions")
                    .tags("consumer", "node-feed", "topic", topic).register(registry);
        }
        return this;
    }

    @Override
    public void experimentPublished(ExperimentEvent e) {
        Counter.builder("swarmhub.node.experiments")
                .description("Experiments this node recorded and handed to its outbox, by campaign, status and proposer")
                .tags("campaign", e.getCampaignId(), "status", e.getStatus().name(), "proposer", e.getProposer())
                .register(registry).increment();
    }

    @Override
    public void findingPublished(FindingEvent f) {
        Counter.builder("swarmhub.findings.published")
                .description("Findings (keeps) this node handed to its outbox, by campaign")
                .tag("campaign", f.getExperiment().getCampaignId()).register(registry).increment();
    }

    @Override
    public void findingHeard(FindingEvent f, long receivedAtMs) {
        Counter.builder("swarmhub.findings.received")
                .description("Findings read from the findings topic (history and redeliveries included), by campaign")
                .tag("campaign", f.getExperiment().getCampaignId()).register(registry).increment();
        if (f.getPublishedAtMs() >= startedAtMs) {
            gossipLag.record(Math.max(0, receivedAtMs - f.getPublishedAtMs()), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void adopted(String campaignId, Finding finding) {
        Counter.builder("swarmhub.adoptions")
                .description("Peers' findings this node's slots adopted, by campaign")
                .tag("campaign", campaignId).register(registry).increment();
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for tests and other exporters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
