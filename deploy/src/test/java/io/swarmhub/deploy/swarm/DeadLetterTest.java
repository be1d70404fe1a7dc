package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.protocol.kafka.DeadLetter;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes that are no event land on the experiments and findings topics of a running swarm, in the
 * campaign's own partition (same key), ahead of everything the nodes publish next: they are
 * forwarded to the dead-letter topic, and the coordinator and the nodes read on past them.
 */
class DeadLetterTest {
    private static final int NODES = 2;
    /** 0xFF is a tag with wire type 7, which protobuf rejects. */
    private static final byte[] GARBAGE = {(byte) 0xFF, (byte) 0xFF, 'n', 'o', 't', ' ', 'a', 'n', ' ', 'e', 'v', 'e', 'n', 't'};

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void garbageRecord_skippedToDeadLetterAndSwarmContinues() throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 30);
        try (LocalSwarm swarm = new LocalSwarm(dir.resolve("swarm"), NODES, 1, "adopt", 9)) {
            swarm.start(null, 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file());
            Await.until(Duration.ofSeconds(60), () -> AdoptionScenario.size(swarm, campaignId) >= 10
                            && swarm.nodes().stream().allMatch(n -> n.findings().size() > 0),
                    () -> swarm.statusLine(campaignId) + "; findings heard per node "
                            + swarm.nodes().stream().map(n -> n.findings().size()).toList());

            RecordMetadata badExperiment;
            RecordMetadata badFinding;
            String marker = "01ZZZZZZZZZZZZZZZZZZDEAD01";
            try (KafkaProducer<byte[], byte[]> producer = producer(swarm.bootstrap())) {
                byte[] key = campaignId.getBytes(StandardCharsets.UTF_8);
                badExperiment = producer.send(new ProducerRecord<>(Topics.EXPERIMENTS, key, GARBAGE)).get();
                badFinding = producer.send(new ProducerRecord<>(Topics.FINDINGS, key, GARBAGE)).get();
                // A real finding right behind the garbage, worse than anything kept, so nobody adopts it.
                producer.send(new ProducerRecord<>(Topics.FINDINGS, key, EventCodec.encode(marker(campaignId, marker)))).get();
            }
            int sizeAtGarbage = AdoptionScenario.size(swarm, campaignId);

            Map<String, ConsumerRecord<byte[], byte[]>> dead = deadLetters(swarm.bootstrap(), Set.of(
                    source(badExperiment), source(badFinding)), Duration.ofSeconds(30));
            for (RecordMetadata bad : List.of(badExperiment, badFinding)) {
                ConsumerRecord<byte[], byte[]> r = dead.get(source(bad));
                assertArrayEquals(GARBAGE, r.value(), "dead letter for " + source(bad) + " keeps the bytes as they were");
                assertArrayEquals(campaignId.getBytes(StandardCharsets.UTF_8), r.key());
                assertTrue(header(r, DeadLetter.ERROR).length() > 0, "no reason given for " + source(bad));
            }

            // Everyone reads on: the coordinator's tree grows past the garbage, every node hears the marker finding.
            assertTrue(swarm.coordinator().awaitCaughtUp(Duration.ofSeconds(30)), "the projection stalled at the garbage");
            Await.until(Duration.ofSeconds(60), () -> AdoptionScenario.size(swarm, campaignId) >= sizeAtGarbage + 30,
                    () -> "tree " + AdoptionScenario.size(swarm, campaignId) + ", " + sizeAtGarbage + " at the garbage");
            Await.until(Duration.ofSeconds(30), () -> swarm.nodes().stream()
                            .allMatch(n -> n.findings().get(marker).isPresent()),
                    () -> "nodes that heard the finding after the garbage: " + swarm.nodes().stream()
                            .filter(n -> n.findings().get(marker).isPresent()).map(NodeAgent::nodeId).toList());
            assertTrue(swarm.nodes().stream().allMatch(n -> !n.running().isEmpty()), "a node's loop stopped");
            Map<String, Long> copies = deadLetterCopies(swarm.bootstrap());
            System.out.printf("dead letter: %d experiment(s) at the garbage, %d after; dead-letter copies by source %s%n",
                    sizeAtGarbage, AdoptionScenario.size(swarm, campaignId), copies);
        }
    }

    private static FindingEvent marker(String campaignId, String id) {
        ExperimentEvent e = ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId(id)
                .setCampaignId(campaignId).setNodeId("dead-letter-test").setStatus(ExperimentStatus.KEEP)
                .setMetric(1e12).setDescription("a finding no node should adopt").build();
        return FindingEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setExperiment(e)
                .setPublishedAtMs(System.currentTimeMillis()).build();
    }

    private static String source(RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "/" + m.offset();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Reads the dead-letter topic from the start until a record from each source (topic/partition/offset) is seen. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(String bootstrap, Set<String> sources,
                                                                           Duration timeout) {
        Map<String, ConsumerRecord<byte[], byte[]>> found = new ConcurrentHashMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(timeout, Duration.ofMillis(1), () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String source = header(r, DeadLetter.SOURCE_TOPIC) + "/" + header(r, DeadLetter.SOURCE_PARTITION)
                            + "/" + header(r, DeadLetter.SOURCE_OFFSET);
                    found.putIfAbsent(source, r);
                }
                return found.keySet().containsAll(sources);
            }, () -> "dead letters for " + found.keySet() + ", expected " + sources);
        }
        return found;
    }

    /** How many records the dead-letter topic holds now, by source (topic/partition/offset). */
    private static Map<String, Long> deadLetterCopies(String bootstrap) {
        Map<String, Long> copies = new java.util.TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(1), () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    copies.merge(header(r, DeadLetter.SOURCE_TOPIC) + "/" + header(r, DeadLetter.SOURCE_PARTITION) + "/"
                            + header(r, DeadLetter.SOURCE_OFFSET), 1L, Long::sum);
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            }, () -> "reading " + Topics.DEAD_LETTER + " to its end " + end);
        }
        return copies;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
