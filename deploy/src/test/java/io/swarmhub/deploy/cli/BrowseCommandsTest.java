package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarm tree / nodes / plot / findings} against a real swarm (embedded broker, coordinator, two nodes). */
class BrowseCommandsTest {
    @TempDir
    static Path tmp;
    static BrowseSwarm swarm;
    static List<ExperimentEvent> tree;

    @BeforeAll
    static void runSwarm() throws Exception {
        swarm = new BrowseSwarm(tmp);
        tree = swarm.tree();
    }

    @AfterAll
    static void stopSwarm() {
        if (swarm != null) {
            swarm.close();
        }
    }

    private static List<ExperimentEvent> keeps() {
        return tree.stream().filter(e -> e.getStatus() == ExperimentStatus.KEEP).toList();
    }

    @Test
    void tree_drawsEveryKeepAndMarksTheBestLineage() {
        BrowseSwarm.Run run = swarm.cli("tree", swarm.campaignId, "--width", "100");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.lines();
        assertTrue(lines.get(0).startsWith("campaign " + swarm.campaignId + " (swarm-demo): minimize objective"), lines.get(0));
        assertTrue(lines.stream().allMatch(l -> l.codePointCount(0, l.length()) <= 100), run.out());
        for (ExperimentEvent k : keeps()) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(ExperimentRow.shortId(k.getId()) + " KEEP")), "no line for " + k.getId());
        }
        assertTrue(lines.size() < tree.size(), "runs of discards fold: " + lines.size() + " lines for " + tree.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("… ") && l.contains("discarded")), run.out());
        ExperimentEvent best = keeps().stream().min((a, b) -> Double.compare(a.getMetric(), b.getMetric())).orElseThrow();
        assertTrue(lines.stream().anyMatch(l -> l.contains("* " + ExperimentRow.shortId(best.getId()) + " KEEP")), run.out());
        assertTrue(lines.get(lines.size() - 1).startsWith(tree.size() + " experiments, " + keeps().size() + " kept; best * "),
                lines.get(lines.size() - 1));

        BrowseSwarm.Run all = swarm.cli("tree", swarm.campaignId, "--all");
        assertEquals(tree.size() + 2, all.lines().size(), "--all: header, one line per experiment, summary");
        BrowseSwarm.Run top = swarm.cli("tree", swarm.campaignId, "--depth", "1", "--ascii");
        assertTrue(top.lines().stream().anyMatch(l -> l.matches("`-… \\d+ more below \\(\\d+ kept\\)")), top.out());
        BrowseSwarm.Run json = swarm.cli("tree", swarm.campaignId, "--json");
        assertEquals(tree.size(), json.lines().size());
        assertTrue(json.lines().get(0).startsWith("{\"id\":\"" + tree.get(0).getId() + "\""), json.lines().get(0));
    }

    @Test
    void nodes_tableCountsEachNodesExperiments() {
        BrowseSwarm.Run run = swarm.cli("nodes", "--campaign", swarm.campaignId);
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.lines();
        assertTrue(lines.get(0).matches("NODE\\s+LIVE\\s+CPU\\s+GPUS\\s+SLOTS\\s+EXPERIMENTS\\s+KEPT\\s+EXP/H\\s+LAST SEEN"), lines.get(0));
        Map<String, Long> byNode = tree.stream().collect(Collectors.groupingBy(ExperimentEvent::getNodeId, Collectors.counting()));
        Map<String, Long> keptByNode = keeps().stream().collect(Collectors.groupingBy(ExperimentEvent::getNodeId, Collectors.counting()));
        for (String node : List.of("node-1", "node-2")) {
            String line = lines.stream().filter(l -> l.startsWith(node + " ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
            assertTrue(line.matches(".*\\s" + byNode.getOrDefault(node, 0L) + "\\s+" + keptByNode.getOrDefault(node, 0L)
                    + "\\s+\\d+\\.\\d\\s+\\d+[smhd] ago"), line);
        }
        assertEquals("2 node(s)", lines.get(lines.size() - 1).replaceFirst(", \\d+ live", ""));
        BrowseSwarm.Run json = swarm.cli("nodes", "--json");
        assertEquals(2, json.lines().size(), json.out());
        assertTrue(json.lines().stream().allMatch(l -> l.startsWith("{\"nodeId\":\"node-")), json.out());
        assertEquals(1, swarm.cli("nodes", "--campaign", "no-such-campaign").code());
    }

    @Test
    void plot_writesPngAndSvg() throws Exception {
        Path png = tmp.resolve("progress.png");
        BrowseSwarm.Run run = swarm.cli("plot", swarm.campaignId, "-o", png.toString(), "--size", "900x500");
        assertEquals(0, run.code(), run.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        Path svg = tmp.resolve("progress.svg");
        assertEquals(0, swarm.cli("plot", swarm.campaignId, "-o", svg.toString(), "--x", "time", "--by-node").code());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        // One dot per experiment plus the legend's two nodes; the running best and each node's.
        assertEquals(tree.size() + 2, doc.getElementsByTagName("circle").getLength());
        assertEquals(3, doc.getElementsByTagName("polyline").getLength());
        BrowseSwarm.Run bad = swarm.cli("plot", swarm.campaignId, "-o", tmp.resolve("x.gif").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("must end in .png or .svg"), bad.err());
    }

    @Test
    void findings_topicHoldsEveryKeepOfTheTree() throws Exception {
        Map<String, Double> expected = new HashMap<>();
        keeps().forEach(k -> expected.put(k.getId(), k.getMetric()));

        Map<String, Double> consumed = new HashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, swarm.swarm.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.FINDINGS, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    FindingEvent f = EventCodec.decodeFinding(r.value());
                    assertEquals(swarm.campaignId, r.key(), "findings are keyed by campaign");
                    consumed.put(f.getExperiment().getId(), f.getExperiment().getMetric());
                }
            }
        }
        assertEquals(expected, consumed);

        BrowseSwarm.Run json = BrowseSwarm.plain("findings", "--json", "--kafka", swarm.swarm.bootstrap(), "--campaign", swarm.campaignId);
        assertEquals(0, json.code(), json.err());
        Map<String, Double> printed = new HashMap<>();
        for (String line : json.lines()) {
            FindingEvent.Builder b = FindingEvent.newBuilder();
            JsonFormat.parser().merge(line, b);
            printed.put(b.getExperiment().getId(), b.getExperiment().getMetric());
        }
        assertEquals(expected, printed);

        BrowseSwarm.Run text = BrowseSwarm.plain("findings", "--kafka", swarm.swarm.bootstrap());
        assertEquals(expected.size(), text.lines().size(), text.out());
        ExperimentEvent first = keeps().get(0);
        assertTrue(text.lines().stream().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  " + swarm.campaignId + "  "
                + first.getId() + "  \\S+  " + first.getNodeId() + "  .*")), text.out());
        assertTrue(BrowseSwarm.plain("findings", "--kafka", swarm.swarm.bootstrap(), "--campaign", "other").out().isEmpty());
    }

    @Test
    void findings_unreachableBroker_saysSoAndFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        BrowseSwarm.Run run = BrowseSwarm.plain("findings", "--kafka", "127.0.0.1:" + port, "--wait", "2");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("swarm findings: cannot reach Kafka at 127.0.0.1:" + port + " within 2 s"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "the wait is bounded");
    }
}
