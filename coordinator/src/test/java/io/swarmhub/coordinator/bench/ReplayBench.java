package io.swarmhub.coordinator.bench;

import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.coordinator.EmbeddedKafka;
import io.swarmhub.coordinator.kafka.TopicSetup;
import io.swarmhub.protocol.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end ingest through a real embedded broker: publishes a log of experiments, then times
 * how long a fresh coordinator takes to replay it into its trees (Kafka fetch + decode + insert).
 * Not a test (it lives in test sources because it uses the test broker); run from the IDE or
 * with the test classpath: {@code ReplayBench [events]}.
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("replay-bench");
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
                TopicSetup.ensure(admin, kafka.bootstrap(), 3, Duration.ofSeconds(30));
            }
            List<byte[]> log = IngestBench.randomLog(events, 4, new Random(42));
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                int i = 0;
                for (byte[] value : log) {
                    byte[] key = ("campaign-" + (i++ % 4)).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(Topics.EXPERIMENTS, key, value));
                }
                producer.flush();
            }
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                try (Coordinator c = Coordinator.start(Config.of(kafka.bootstrap(), 0, dir)
                        .withKafkaTimeout(Duration.ofMinutes(5)))) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    int total = c.forest().campaignIds().stream()
                            .mapToInt(id -> c.forest().tree(id).orElseThrow().size()).sum();
                    System.out.printf("round %d: %d experiments replayed in %.2f s: %.0f events/s (start included)%n",
                            round, total, seconds, total / seconds);
                }
            }
        }
    }
}
