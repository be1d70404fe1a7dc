package io.swarmhub.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.tree.Contribution;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.coordinator.tree.Hardware;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator's metrics against a real forest: what the scrape says equals what the trees say. */
class CoordinatorMetricsTest {
    private static final String MIN = "campaign-min";
    private static final String MAX = "campaign-max";
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final List<String> PROPOSERS = List.of("mutation", "llm", "crossover");

    private final ExperimentForest forest = new ExperimentForest(1000, Runnable::run);
    private final Metrics kafka = new Metrics();
    private final NodeRegistry nodes = new NodeRegistry(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofSeconds(30));
    private CoordinatorMetrics metrics;

    @BeforeEach
    void setUp() {
        metrics = new CoordinatorMetrics(forest, id -> id.equals(MAX) ? Direction.MAXIMIZE : Direction.MINIMIZE, nodes,
                "swarmhub-coordinator", List.of("t.experiments", "t.findings"), kafka::metrics);
    }

    @Test
    void scrape_countsEqualTheTrees() {
        grow(MIN, 300, new Random(1));
        grow(MAX, 200, new Random(2));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertTreesEqual(text);
    }

    @Test
    void scrape_again_countsOnlyNewExperimentsAndReleasedOrphans() {
        Random random = new Random(3);
        grow(MIN, 50, random);
        metrics.scrape();
        forest.insert(experiment(MIN, "orphan", "late-parent", Status.KEEP, 0.5, "node-a", "llm", 2.0));
        PrometheusText before = PrometheusText.parse(metrics.scrape());
        assertEquals(1, before.value("swarmhub_orphan_experiments", "campaign", MIN));
        forest.insert(experiment(MIN, "late-parent", "", Status.KEEP, 0.7, "node-b", "mutation", 1.0));
        forest.insert(experiment(MIN, "late-parent", "", Status.KEEP, 0.7, "node-b", "mutation", 1.0)); // redelivered
        grow(MIN, 20, random);
        PrometheusText after = PrometheusText.parse(metrics.scrape());
        assertEquals(0, after.value("swarmhub_orphan_experiments", "campaign", MIN));
        assertTreesEqual(after);
        assertEquals(0.5, after.value("swarmhub_best_metric", "campaign", MIN), "the released orphan is the best");
    }

    @Test
    void scrape_everyLineParses_andFamiliesHaveTheirTypes() {
        grow(MIN, 40, new Random(4));
        metrics.findingSeen(finding(MIN));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals("counter", text.types().get("swarmhub_experiments_total"));
        assertEquals("histogram", text.types().get("swarmhub_experiment_duration_seconds"));
        assertEquals("gauge", text.types().get("swarmhub_best_metric"));
        assertEquals("counter", text.types().get("swarmhub_findings_total"));
        assertEquals("gauge", text.types().get("swarmhub_kafka_consumer_lag"));
        assertEquals("counter", text.types().get("swarmhub_lineage_cache_gets_total"));
        assertEquals("gauge", text.types().get("swarmhub_proposer_keep_rate"));
        assertFalse(text.samples().isEmpty());
    }

    @Test
    void parse_rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE a counter\na_total{x=\"1} 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE a gauge\na 1,5\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("b 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE a gauge\nnot a sample\n"));
        assertEquals(2.5, PrometheusText.parse("# TYPE a gauge\na{x=\"q\\\"t\"} 2.5\n").value("a", "x", "q\"t"));
    }

    @Test
    void histogram_countAndSumEqualTheTreesSeconds() {
        grow(MIN, 120, new Random(5));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        ExperimentTree tree = forest.tree(MIN).orElseThrow();
        List<Experiment> all = tree.page(0, tree.size()).items();
        assertEquals(all.size(), text.value("swarmhub_experiment_duration_seconds_count", "campaign", MIN));
        assertEquals(all.stream().mapToDouble(Experiment::seconds).sum(),
                text.value("swarmhub_experiment_duration_seconds_sum", "campaign", MIN), 1e-6);
        long upTo30 = all.stream().filter(e -> e.seconds() <= 30).count();
        assertEquals(upTo30, text.value("swarmhub_experiment_duration_seconds_bucket", "campaign", MIN, "le", "30.0"));
        assertEquals(all.size(), text.value("swarmhub_experiment_duration_seconds_bucket", "campaign", MIN, "le", "+Inf"));
    }

    @Test
    void findingSeen_countsByCampaign() {
        metrics.findingSeen(finding(MIN));
        metrics.findingSeen(finding(MIN));
        metrics.findingSeen(finding(MAX));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals(2, text.value("swarmhub_findings_total", "campaign", MIN));
        assertEquals(1, text.value("swarmhub_findings_total", "campaign", MAX));
    }

    @Test
    void consumerLag_sumsThePartitionsOfEachTopic() {
        assertTrue(Double.isNaN(PrometheusText.parse(metrics.scrape())
                .value("swarmhub_kafka_consumer_lag", "topic", "t.experiments")), "unknown before the first fetch");
        lag("t.experiments", 0, 5);
        lag("t.experiments", 1, 7);
        lag("t.findings", 0, 0);
        kafka.addMetric(kafka.metricName("records-lag-max", ConsumerLagMeters.FETCH_GROUP), (c, now) -> 99);
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals(12, text.value("swarmhub_kafka_consumer_lag", "consumer", "swarmhub-coordinator", "topic", "t.experiments"));
        assertEquals(0, text.value("swarmhub_kafka_consumer_lag", "topic", "t.findings"));
    }

    @Test
    void lineageCache_countsHitsAndMisses() {
        grow(MIN, 10, new Random(6));
        String id = forest.tree(MIN).orElseThrow().page(5, 1).items().get(0).id();
        forest.lineage(MIN, id);
        forest.lineage(MIN, id);
        forest.lineage(MIN, id);
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals(2, text.value("swarmhub_lineage_cache_gets_total", "result", "hit"));
        assertEquals(1, text.value("swarmhub_lineage_cache_gets_total", "result", "miss"));
    }

    @Test
    void nodes_liveAndRegistered() {
        nodes.register("node-a", Hardware.UNKNOWN, 1);
        nodes.register("node-b", Hardware.UNKNOWN, 2);
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals(2, text.value("swarmhub_nodes_registered"));
        assertEquals(2, text.value("swarmhub_nodes_live"));
    }

    private void lag(String topic, int partition, double value) {
        MetricName name = kafka.metricName(ConsumerLagMeters.RECORDS_LAG, ConsumerLagMeters.FETCH_GROUP, "",
                Map.of("topic", topic, "partition", String.valueOf(partition)));
        kafka.addMetric(name, (config, now) -> value);
    }

    /** Every counter and gauge of the scrape against the trees' own tallies. */
    private void assertTreesEqual(PrometheusText text) {
        for (String campaign : forest.campaignIds()) {
            ExperimentTree tree = forest.tree(campaign).orElseThrow();
            for (Map.Entry<Status, Long> c : tree.countsByStatus().entrySet()) {
                assertEquals((double) c.getValue(), text.sum("swarmhub_experiments_total",
                        l -> l.get("campaign").equals(campaign) && l.get("status").equals(c.getKey().name())),
                        campaign + " " + c.getKey());
            }
            for (Contribution n : tree.contributionsByNode()) {
                assertEquals(n.experiments(), text.sum("swarmhub_experiments_total",
                        l -> l.get("campaign").equals(campaign) && l.get("node").equals(n.key())), campaign + " " + n.key());
                assertEquals(n.kept(), text.value("swarmhub_experiments_total", "campaign", campaign, "node", n.key(),
                        "status", "KEEP"), campaign + " " + n.key() + " keeps");
            }
            Map<String, Long> byNodeStatus = new HashMap<>();
            tree.page(0, tree.size()).items().forEach(e -> byNodeStatus.merge(e.nodeId() + "/" + e.status(), 1L, Long::sum));
            assertEquals(byNodeStatus.size(), text.samples("swarmhub_experiments_total",
                    l -> l.get("campaign").equals(campaign)).size(), "one series per node and status");
            byNodeStatus.forEach((k, v) -> assertEquals((double) v, text.value("swarmhub_experiments_total", "campaign", campaign,
                    "node", k.split("/")[0], "status", k.split("/")[1]), campaign + " " + k));
            for (Contribution p : tree.contributionsByProposer()) {
                assertEquals(p.experiments(), text.value("swarmhub_proposer_experiments_total", "campaign", campaign,
                        "proposer", p.key()));
                assertEquals(p.kept(), text.value("swarmhub_proposer_keeps_total", "campaign", campaign,
                        "proposer", p.key()));
                assertEquals(p.keepRate(), text.value("swarmhub_proposer_keep_rate", "campaign", campaign,
                        "proposer", p.key()), 1e-12);
            }
            Direction d = campaign.equals(MAX) ? Direction.MAXIMIZE : Direction.MINIMIZE;
            assertEquals(tree.best(d).orElseThrow().metric(), text.value("swarmhub_best_metric", "campaign", campaign));
            assertEquals(tree.size(), text.value("swarmhub_experiment_duration_seconds_count", "campaign", campaign));
        }
    }

    /** Grows a campaign's tree at random: every status, several nodes and proposers, keeps chaining. */
    private void grow(String campaign, int count, Random random) {
        List<String> keeps = new java.util.ArrayList<>();
        forest.tree(campaign).ifPresent(t -> t.keepLeaves(Integer.MAX_VALUE).forEach(e -> keeps.add(e.id())));
        int start = forest.tree(campaign).map(ExperimentTree::size).orElse(0);
        for (int i = 0; i < count; i++) {
            Status status = Status.values()[random.nextInt(Status.values().length)];
            if (keeps.isEmpty()) {
                status = Status.KEEP;
            }
            String parent = keeps.isEmpty() ? "" : keeps.get(random.nextInt(keeps.size()));
            String id = campaign + "-" + (start + i);
            forest.insert(experiment(campaign, id, parent, status, random.nextDouble() * 10,
                    NODES.get(random.nextInt(NODES.size())), PROPOSERS.get(random.nextInt(PROPOSERS.size())),
                    random.nextDouble() * 100));
            if (status == Status.KEEP) {
                keeps.add(id);
            }
        }
    }

    private static Experiment experiment(String campaign, String id, String parent, Status status, double metric,
                                         String node, String proposer, double seconds) {
        return new Experiment(id, campaign, parent, node, 0, Hardware.UNKNOWN, proposer, "try " + id, "", "", status,
                Map.of("m", metric), metric, seconds, 0, 0, "", "", "", 0, "");
    }

    private static FindingEvent finding(String campaign) {
        return FindingEvent.newBuilder().setExperiment(ExperimentEvent.newBuilder().setCampaignId(campaign)).build();
    }
}
