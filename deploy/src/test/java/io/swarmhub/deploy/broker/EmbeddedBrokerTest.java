package io.swarmhub.deploy.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real Kafka brokers in child JVMs; each start takes a few seconds. */
class EmbeddedBrokerTest {
    private static final String TOPIC = "swarmhub.test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void stopAndRestart_sameDataDirAndPort_keepsRecordsAndLeavesNoChild(@TempDir Path dir) throws Exception {
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "record-" + i).toList();
        EmbeddedBroker first = EmbeddedBroker.start(dir, 0);
        ProcessHandle child = ProcessHandle.of(first.pid()).orElseThrow();
        int port = first.port();
        String clusterId;
        try {
            assertEquals("127.0.0.1:" + port, first.bootstrapServers());
            assertTrue(first.isRunning());
            assertTrue(ProcessHandle.current().children().anyMatch(child::equals));
            NewTopic topic = new NewTopic(TOPIC, 2, (short) 1);
            EmbeddedBroker.createTopics(first.bootstrapServers(), List.of(topic));
            EmbeddedBroker.createTopics(first.bootstrapServers(), List.of(topic)); // exists: no error
            produce(first.bootstrapServers(), sent);
            assertEquals(sent, consume(first.bootstrapServers(), "first-reader", sent.size()));
            clusterId = clusterId(first.bootstrapServers());
        } finally {
            first.stop();
        }
        assertFalse(child.isAlive(), "stop() returns once the broker JVM is gone");
        assertFalse(first.isRunning());
        assertTrue(ProcessHandle.current().descendants().noneMatch(child::equals));
        first.stop();
        first.close();
        Path meta = dir.resolve("kafka-logs/meta.properties");
        String metaBefore = Files.readString(meta);

        try (EmbeddedBroker second = EmbeddedBroker.start(dir, port)) {
            assertEquals(port, second.port());
            assertEquals(clusterId, clusterId(second.bootstrapServers()), "restart must not reformat");
            assertEquals(metaBefore, Files.readString(meta));
            assertEquals(sent, consume(second.bootstrapServers(), "second-reader", sent.size()));
            assertEquals(sent.size(), committedOffsets(second.bootstrapServers(), "first-reader"));
        }
        assertTrue(Files.size(dir.resolve("broker.log")) > 0);
    }

    @Test
    void start_portInUse_failsWithClearMessage(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BrokerException e = assertThrows(BrokerException.class,
                    () -> EmbeddedBroker.start(dir, taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort() + " is already in use"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    private static void produce(String bootstrap, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String value : values) {
                // One key: one partition, so the order read back is the order written.
                producer.send(new ProducerRecord<>(TOPIC, "campaign-1", value)).get();
            }
        }
    }

    /** Reads {@code count} records as consumer group {@code group}, committing, or fails at the deadline. */
    private static List<String> consume(String bootstrap, String group, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(TOPIC));
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static long committedOffsets(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
