package io.swarmhub.deploy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.node.metrics.NodeMetrics;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics of a real swarm (embedded broker, coordinator, two nodes on the fast demo campaign),
 * read over HTTP and parsed strictly: once the nodes are stopped and their outboxes drained, the
 * coordinator's counts equal its tree and the nodes' counts equal their ledgers.
 */
class MetricsSwarmTest {
    private static final int NODES = 2;
    private static final int MIN_EXPERIMENTS = 40;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(120)
    void swarm_metricsEqualTheTreeAndTheLedgers() throws Exception {
        Campaign campaign = demoCampaign(dir.resolve("campaign"), 30);
        Path swarmDir = dir.resolve("swarm");
        try (LocalSwarm swarm = new LocalSwarm(swarmDir, NODES, 1, "adopt", 5)) {
            swarm.start(null, 0, 0, 0);
            String id = swarm.launch(campaign, dir.resolve("campaign").resolve("campaign.yaml"));
            String coordinatorUrl = swarm.httpAddress() + "/metrics";
            List<String> nodeUrls = swarm.nodeMetricsUrls();
            assertEquals(NODES, nodeUrls.size());
            await(() -> swarm.coordinator().forest().tree(id).map(ExperimentTree::size).orElse(0) >= MIN_EXPERIMENTS
                    && swarm.nodeMetrics().stream().allMatch(m -> gossipSamples(m) > 0), () -> swarm.statusLine(id));

            // While the swarm runs: every scrape parses.
            PrometheusText live = scrape(coordinatorUrl);
            assertTrue(live.sum("swarmhub_experiments_total", l -> l.get("campaign").equals(id)) > 0);
            nodeUrls.forEach(u -> scrape(u));
            for (String u : nodeUrls) {
                await(() -> List.of(Topics.EXPERIMENTS, Topics.FINDINGS).stream().allMatch(t -> {
                    double lag = scrape(u).value("swarmhub_kafka_consumer_lag", "topic", t);
                    return Double.isFinite(lag) && lag >= 0;
                }), () -> "no feed consumer lag at " + u);
            }

            swarm.nodes().parallelStream().forEach(NodeAgent::close);
            for (KafkaBus bus : swarm.buses()) {
                assertTrue(bus.awaitDrained(Duration.ofSeconds(30)), "outbox not drained: " + bus.pending());
            }
            assertTrue(swarm.coordinator().awaitCaughtUp(Duration.ofSeconds(30)), "the coordinator did not catch up");
            CampaignInfo info = swarm.stub().getCampaign(GetCampaignRequest.newBuilder().setCampaignId(id).build())
                    .getCampaign();
            long keeps = info.getCountsByStatusOrDefault("KEEP", 0);

            PrometheusText coordinator = scrape(coordinatorUrl);
            for (Status s : Status.values()) {
                assertEquals((double) info.getCountsByStatusOrDefault(s.name(), 0), coordinator.sum("swarmhub_experiments_total",
                        l -> l.get("campaign").equals(id) && l.get("status").equals(s.name())), "status " + s);
            }
            assertEquals(info.getExperiments(), coordinator.value("swarmhub_experiment_duration_seconds_count", "campaign", id));
            assertEquals(info.getExperiments(), coordinator.sum("swarmhub_proposer_experiments_total",
                    l -> l.get("campaign").equals(id)));
            assertEquals(keeps, coordinator.sum("swarmhub_proposer_keeps_total", l -> l.get("campaign").equals(id)));
            assertEquals(info.getBestMetric(), coordinator.value("swarmhub_best_metric", "campaign", id), 1e-12);
            assertTrue(coordinator.value("swarmhub_findings_total", "campaign", id) >= keeps,
                    "a finding per keep (redeliveries count again)");
            assertEquals(2, coordinator.samples("swarmhub_lineage_cache_gets_total", l -> true).size());
            assertEquals(NODES, coordinator.value("swarmhub_nodes_registered"));
            await(() -> List.of(Topics.CAMPAIGNS, Topics.EXPERIMENTS, Topics.FINDINGS).stream()
                    .allMatch(t -> Double.isFinite(scrape(coordinatorUrl).value("swarmhub_kafka_consumer_lag", "topic", t))),
                    () -> "no consumer lag for every topic");

            for (int i = 1; i <= NODES; i++) {
                String node = "node-" + i;
                PrometheusText n = scrape(nodeUrls.get(i - 1));
                Map<String, Long> ledger = ledgerCounts(swarmDir.resolve("nodes").resolve(node), id);
                long recorded = ledger.values().stream().mapToLong(Long::longValue).sum();
                assertTrue(recorded > 0, node + " recorded nothing");
                for (Status s : Status.values()) {
                    double published = n.sum("swarmhub_node_experiments_total",
                            l -> l.get("campaign").equals(id) && l.get("status").equals(s.name()));
                    assertEquals((double) ledger.getOrDefault(s.name(), 0L), published, node + " " + s);
                    assertEquals(published, coordinator.sum("swarmhub_experiments_total", l -> l.get("campaign").equals(id)
                            && l.get("status").equals(s.name()) && l.get("node").equals(node)), node + " " + s + " in the tree");
                }
                assertEquals((double) ledger.getOrDefault("KEEP", 0L), n.sum("swarmhub_findings_published_total",
                        l -> l.get("campaign").equals(id)), node + " findings");
                assertEquals(0, n.value("swarmhub_outbox_depth", "node", node), node + " outbox");
                double lagCount = n.value("swarmhub_gossip_lag_seconds_count", "node", node);
                assertTrue(lagCount > 0, node + " measured no gossip lag");
                assertEquals(lagCount, n.value("swarmhub_gossip_lag_seconds_bucket", "node", node, "le", "+Inf"));
                assertTrue(n.value("swarmhub_gossip_lag_seconds_sum", "node", node) >= 0);
                NodeMetrics m = swarm.nodeMetrics().get(i - 1);
                await(() -> received(m, id) >= keeps, () -> node + " heard " + received(m, id) + " of " + keeps + " findings");
                assertTrue(scrape(nodeUrls.get(i - 1)).value("swarmhub_findings_received_total", "campaign", id) >= keeps);
            }
            Set<String> documented = MetricsDoc.documented();
            Stream.concat(coordinator.types().keySet().stream(),
                            nodeUrls.stream().flatMap(u -> scrape(u).types().keySet().stream()))
                    .filter(f -> f.startsWith("swarmhub_"))
                    .forEach(f -> assertNotNull(MetricsDoc.metricOf(f, documented), f + " is not in docs/metrics.md"));
        }
    }

    private PrometheusText scrape(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), url);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), url);
            return PrometheusText.parse(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long gossipSamples(NodeMetrics m) {
        return m.registry().get("swarmhub.gossip.lag").timer().count();
    }

    private static double received(NodeMetrics m, String campaign) {
        var c = m.registry().find("swarmhub.findings.received").tag("campaign", campaign).counter();
        return c == null ? 0 : c.count();
    }

    /** A node's ledger lines (every slot's results.jsonl) counted by status. */
    private static Map<String, Long> ledgerCounts(Path nodeDir, String campaignId) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> slots = Files.list(nodeDir.resolve("campaigns").resolve(campaignId))) {
            for (Path slot : slots.filter(p -> p.getFileName().toString().startsWith("slot-")).toList()) {
                for (String line : Files.readAllLines(slot.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.merge(json.readTree(line).path("status").asText(), 1L, Long::sum);
                    }
                }
            }
        }
        return out;
    }

    /** examples/swarm-demo copied into {@code to} with each evaluation taking {@code costMs}. */
    private static Campaign demoCampaign(Path to, int costMs) throws Exception {
        Path from = MetricsDoc.repositoryFile("examples/swarm-demo/campaign.yaml").getParent();
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Path file = to.resolve("campaign.yaml");
        Files.writeString(file, Files.readString(file).replaceFirst("cost_ms:\\s*\\d+", "cost_ms: " + costMs));
        Campaign campaign = CampaignLoader.load(file);
        assertEquals(costMs, campaign.getRun().getCostMs(), "cost_ms not applied");
        return campaign;
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "not within 60 s: " + what.get());
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
