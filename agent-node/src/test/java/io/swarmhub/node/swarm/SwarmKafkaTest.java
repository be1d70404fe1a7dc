package io.swarmhub.node.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.kafka.DeadLetter;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaPublisher} and {@link SwarmFeed} against a real KRaft broker in this JVM. */
@Timeout(120)
class SwarmKafkaTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka();
        kafka.createTopics(3);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static PublisherSettings publisherSettings(String bootstrap) {
        return PublisherSettings.of(bootstrap)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(300))
                .withCloseTimeout(Duration.ofSeconds(5));
    }

    private static KafkaPublisher publisher(Outbox outbox, PublisherSettings settings) {
        return KafkaPublisher.start(outbox, settings);
    }

    private static SwarmFeed feed(FeedCollector collector) {
        return SwarmFeed.start(FeedSettings.of(kafka.bootstrap()).withRetryBackoff(Duration.ofMillis(200)), collector);
    }

    private static ExperimentEvent experiment(String campaign, String id) {
        return ExperimentEvent.newBuilder()
                .setId(id)
                .setCampaignId(campaign)
                .setParentId("root")
                .setPatchSha256("sha-" + id)
                .setStatus(ExperimentStatus.DISCARD)
                .setMetric(1.0)
                .build();
    }

    private static FindingEvent finding(String campaign, String id) {
        return FindingEvent.newBuilder()
                .setExperiment(experiment(campaign, id).toBuilder().setStatus(ExperimentStatus.KEEP))
                .build();
    }

    /** Event ids on a topic for campaigns with the prefix, each with how often it appears. */
    private static Map<String, Long> idsOnTopic(String topic, String campaignPrefix) {
        return TopicReader.readAll(kafka.bootstrap(), topic).stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(campaignPrefix))
                .map(r -> new String(r.headers().lastHeader(KafkaPublisher.EVENT_ID_HEADER).value(), StandardCharsets.UTF_8))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void publish_200Events_arriveExactlyOnceInOrderPerKey() throws Exception {
        FeedCollector collector = new FeedCollector("order-");
        Map<String, List<String>> sentPerTopicAndKey = new LinkedHashMap<>();
        try (Outbox outbox = Outbox.open(dir);
             SwarmFeed feed = feed(collector);
             KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()))) {
            for (int i = 0; i < 200; i++) {
                String campaign = "order-c" + i % 4;
                String id = String.format("order-%03d", i);
                boolean isFinding = i % 5 == 0;
                if (isFinding) {
                    publisher.publishFinding(finding(campaign, id));
                } else {
                    publisher.publishExperiment(experiment(campaign, id));
                }
                sentPerTopicAndKey.computeIfAbsent((isFinding ? "f/" : "e/") + campaign, k -> new ArrayList<>()).add(id);
            }
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(30)), "pending: " + publisher.pendingCount());
            Await.until(Duration.ofSeconds(30), () -> collector.size() >= 200, () -> "feed got " + collector.size());
            assertEquals(200, outbox.deliveredUpTo());
        }

        Map<String, List<String>> receivedPerTopicAndKey = new HashMap<>();
        collector.experiments().forEach(e ->
                receivedPerTopicAndKey.computeIfAbsent("e/" + e.getCampaignId(), k -> new ArrayList<>()).add(e.getId()));
        for (FeedCollector.Received r : collector.findings()) {
            ExperimentEvent e = r.finding().getExperiment();
            receivedPerTopicAndKey.computeIfAbsent("f/" + e.getCampaignId(), k -> new ArrayList<>()).add(e.getId());
            assertTrue(r.finding().getPublishedAtMs() > 0, "publishFinding stamps published_at_ms");
            assertTrue(r.receivedAtMs() >= r.finding().getPublishedAtMs(), "received after published");
        }
        assertEquals(sentPerTopicAndKey, receivedPerTopicAndKey, "each id once, in publish order per topic and key");

        FeedCollector newcomer = new FeedCollector("order-");
        try (SwarmFeed late = feed(newcomer)) {
            assertTrue(late.awaitCaughtUp(Duration.ofSeconds(30)), "a new feed catches up");
            assertEquals(200, newcomer.size(), "a node started later learns the whole history");
        }
        Map<String, Long> onTopics = new HashMap<>(idsOnTopic(Topics.EXPERIMENTS, "order-"));
        onTopics.putAll(idsOnTopic(Topics.FINDINGS, "order-"));
        assertEquals(200, onTopics.size());
        assertTrue(onTopics.values().stream().allMatch(n -> n == 1), "no id twice on the topics: " + onTopics);
    }

    @Test
    void publish_brokerUnreachable_keepsEventsThenDeliversEachOnceToARealBroker() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens here once the socket is closed
        }
        Set<String> ids = new HashSet<>();
        try (Outbox outbox = Outbox.open(dir);
             KafkaPublisher publisher = publisher(outbox, publisherSettings("127.0.0.1:" + closedPort)
                     .withCloseTimeout(Duration.ofMillis(200)))) {
            for (int i = 0; i < 30; i++) {
                String id = "down-" + i;
                publisher.publishExperiment(experiment("down-c" + i % 2, id));
                ids.add(id);
            }
            Await.until(Duration.ofSeconds(15), publisher::brokerUnreachable, () -> "no failed attempt reported");
            assertEquals(30, publisher.pendingCount());
            publisher.close();
            assertEquals(0, outbox.deliveredUpTo(), "nothing counted as delivered without a broker");
        }

        try (Outbox outbox = Outbox.open(dir);
             KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()))) {
            assertEquals(30, outbox.pendingCount(), "the events survived the restart");
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(30)), "pending: " + publisher.pendingCount());
            assertEquals(30, outbox.deliveredUpTo());
        }
        Map<String, Long> onTopic = idsOnTopic(Topics.EXPERIMENTS, "down-");
        assertEquals(ids, onTopic.keySet());
        assertTrue(onTopic.values().stream().allMatch(n -> n == 1), "each event exactly once: " + onTopic);
    }

    @Test
    void close_withoutDrain_reopenedPublisherRedeliversEveryUndeliveredEvent() throws Exception {
        Set<String> ids = new HashSet<>();
        long pendingAtKill;
        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(2048, false))) {
            KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()).withCloseTimeout(Duration.ZERO));
            for (int i = 0; i < 200; i++) {
                String id = "kill-" + i;
                publisher.publishExperiment(experiment("kill-c" + i % 3, id));
                ids.add(id);
            }
            publisher.close(); // zero close timeout: stop at once, like a kill after the appends
            pendingAtKill = outbox.pendingCount();
        }

        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(2048, false))) {
            assertEquals(pendingAtKill, outbox.pendingCount(), "the delivered marker survived");
            try (KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()))) {
                assertTrue(publisher.awaitDrained(Duration.ofSeconds(30)), "pending: " + publisher.pendingCount());
            }
            assertEquals(200, outbox.deliveredUpTo());
            assertEquals(1, outbox.segmentCount(), "delivered segments are compacted");
        }
        Map<String, Long> onTopic = idsOnTopic(Topics.EXPERIMENTS, "kill-");
        assertEquals(ids, onTopic.keySet(), "every appended id reached the topic (pending at kill: " + pendingAtKill + ")");
    }

    @Test
    void feed_garbageRecordOnFindings_isDeadLetteredAndLaterFindingsArrive() throws Exception {
        FeedCollector collector = new FeedCollector("garbage-");
        long garbageOffset;
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            garbageOffset = raw.send(new ProducerRecord<>(Topics.FINDINGS, "garbage-c",
                    "this is not protobuf \u0000\u00ff".getBytes(StandardCharsets.UTF_8))).get().offset();
        }
        try (Outbox outbox = Outbox.open(dir);
             SwarmFeed feed = feed(collector);
             KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()))) {
            publisher.publishFinding(finding("garbage-c", "good-after-garbage"));
            Await.until(Duration.ofSeconds(30), () -> collector.findings().size() == 1, () -> "findings " + collector.findings());
            assertEquals("good-after-garbage", collector.findings().get(0).finding().getExperiment().getId());
            assertTrue(feed.skippedCount() >= 1, "the garbage was skipped");
        }
        Await.until(Duration.ofSeconds(20), () -> deadLetterFor(Topics.FINDINGS, garbageOffset) != null,
                () -> "no dead letter for " + Topics.FINDINGS + "@" + garbageOffset);
        ConsumerRecord<byte[], byte[]> dead = deadLetterFor(Topics.FINDINGS, garbageOffset);
        assertTrue(header(dead, DeadLetter.ERROR).contains("FindingEvent"), header(dead, DeadLetter.ERROR));
        assertEquals("garbage-c", new String(dead.key(), StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterFor(String topic, long offset) {
        return TopicReader.readAll(kafka.bootstrap(), Topics.DEAD_LETTER).stream()
                .filter(r -> topic.equals(header(r, DeadLetter.SOURCE_TOPIC))
                        && Long.toString(offset).equals(header(r, DeadLetter.SOURCE_OFFSET))
                        && "garbage-c".equals(new String(r.key(), StandardCharsets.UTF_8)))
                .findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void publishAndFeed_brokerStoppedAndRestarted_catchUpWithNothingLost() throws Exception {
        FeedCollector collector = new FeedCollector("outage-");
        Set<String> ids = new HashSet<>();
        try (Outbox outbox = Outbox.open(dir);
             SwarmFeed feed = feed(collector);
             KafkaPublisher publisher = publisher(outbox, publisherSettings(kafka.bootstrap()))) {
            for (int i = 0; i < 10; i++) {
                publisher.publishExperiment(experiment("outage-c", "outage-" + i));
                ids.add("outage-" + i);
            }
            Await.until(Duration.ofSeconds(30), () -> collector.size() == 10, () -> "before outage " + collector.size());

            kafka.stopBroker();
            for (int i = 10; i < 30; i++) {
                publisher.publishExperiment(experiment("outage-c", "outage-" + i));
                ids.add("outage-" + i);
            }
            Await.until(Duration.ofSeconds(20), publisher::brokerUnreachable, () -> "no failed attempt reported");
            assertTrue(publisher.pendingCount() > 0, "events wait in the outbox");

            kafka.startBroker();
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(40)), "pending: " + publisher.pendingCount());
            Await.until(Duration.ofSeconds(30), () -> collector.experiments().stream().map(ExperimentEvent::getId)
                    .collect(Collectors.toSet()).equals(ids), () -> "feed after outage " + collector.size());
            Await.until(Duration.ofSeconds(5), () -> !publisher.brokerUnreachable(), () -> "still unreachable");
        }
        assertEquals(ids, idsOnTopic(Topics.EXPERIMENTS, "outage-").keySet());
    }
}
