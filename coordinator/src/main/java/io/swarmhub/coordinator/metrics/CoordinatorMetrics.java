package io.swarmhub.coordinator.metrics;

import io.swarmhub.protocol.metrics.ScrapeHandler;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.protocol.v1.FindingEvent;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The coordinator's Prometheus metrics (docs/metrics.md): experiments by campaign, status and
 * node, per-proposer keeps, the experiment duration histogram and the best metric per campaign,
 * all read from the experiment trees at scrape time; findings seen on the log; the log
 * consumer's lag; lineage cache statistics; registered nodes; JVM basics.
 */
public final class CoordinatorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TreeMeters trees;

    /**
     * @param directionOf     a campaign's goal direction (for its best metric)
     * @param nodes           the node registry (live and registered nodes)
     * @param consumer        the log consumer's client id, a label of its lag
     * @param topics          the topics the log consumer reads
     * @param consumerMetrics the log consumer's Kafka metrics
     */
    public CoordinatorMetrics(ExperimentForest forest, Function<String, Direction> directionOf, NodeRegistry nodes,
                              String consumer, Collection<String> topics,
                              Supplier<Map<MetricName, ? extends Metric>> consumerMetrics) {
        this.trees = new TreeMeters(forest, directionOf, registry);
        ConsumerLagMeters.register(registry, consumer, topics, consumerMetrics);
        cacheCounter(forest, "hit", CacheStats::hitCount);
        cacheCounter(forest, "miss", CacheStats::missCount);
        FunctionCounter.builder("swarmhub.lineage.cache.evictions", forest, f -> f.lineageCacheStats().evictionCount())
                .description("Lineages evicted from the coordinator's lineage cache").register(registry);
        Gauge.builder("swarmhub.nodes.live", () -> nodes.live().size())
                .description("Nodes whose lease is current").register(registry);
        Gauge.builder("swarmhub.nodes.registered", () -> nodes.known().size())
                .description("Nodes that registered since the coordinator started").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void cacheCounter(ExperimentForest forest, String result, ToDoubleFunction<CacheStats> count) {
        FunctionCounter.builder("swarmhub.lineage.cache.gets", forest, f -> count.applyAsDouble(f.lineageCacheStats()))
                .description("Lineage cache lookups (GetLineage), by result")
                .tag("result", result).register(registry);
    }

    /** Counts a finding read from the findings topic (replayed ones included). Called on the log thread. */
    public void findingSeen(FindingEvent finding) {
        Counter.builder("swarmhub.findings")
                .description("Findings read from the findings topic since the coordinator started, by campaign")
                .tag("campaign", finding.getExperiment().getCampaignId())
                .register(registry).increment();
    }

    /** Brings the tree meters up to date and renders every meter in the Prometheus text format. */
    public String scrape() {
        trees.refresh();
        return registry.scrape();
    }

    /** An HTTP handler that answers GET with {@link #scrape()}, to mount at {@code /metrics}. */
    public HttpHandler httpHandler() {
        return new ScrapeHandler(this::scrape);
    }
}
