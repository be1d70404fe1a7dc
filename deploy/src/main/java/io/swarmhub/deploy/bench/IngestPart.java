package io.swarmhub.deploy.bench;

import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.node.ExperimentId;
import io.swarmhub.node.Patches;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Coordinator ingest: experiment events produced to Kafka and consumed into the live tree, in
 * rounds (the first cold, the rest warm), then the whole log replayed by a new coordinator.
 */
final class IngestPart {
    private final String bootstrap;
    private final Path dir;
    private final int events;
    private final int rounds;

    IngestPart(String bootstrap, Path dir, int events, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
        }
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.events = events;
        this.rounds = rounds;
    }

    void run(Coordinator live) throws Exception {
        // Round 1 meets a cold broker, producer and consumer (JIT, fetch sessions, page cache); later
        // rounds are the steady state a running coordinator sees. Each round is a campaign of its own.
        double[] rates = new double[rounds];
        for (int r = 1; r <= rounds; r++) {
            rates[r - 1] = liveRound(live, r);
        }
        if (rounds > 1) {
            double[] warm = Arrays.copyOfRange(rates, 1, rounds);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "ingest live: rounds 2-%d (warm): median %.0f events/s (the lower middle), lowest %.0f; round 1 (cold): %.0f events/s%n",
                    rounds, warm[(warm.length - 1) / 2], warm[0], rates[0]);
        }
        long t1 = System.nanoTime();
        try (Coordinator replay = Coordinator.start(Config.of(bootstrap, 0, dir.resolve("coordinator-replay")))) {
            double seconds = (System.nanoTime() - t1) / 1e9;
            long total = replay.forest().campaignIds().stream()
                    .mapToLong(id -> replay.forest().tree(id).map(t -> (long) t.size()).orElse(0L)).sum();
            System.out.printf(Locale.ROOT, "ingest replay: a new coordinator rebuilt %d experiments from the log in %.2f s (start-up included): %.0f events/s%n",
                    total, seconds, total / seconds);
        }
    }

    /** Produces one campaign's events and waits until all are in the live tree; events/s from the first send. */
    private double liveRound(Coordinator live, int round) throws Exception {
        String campaign = "bench-ingest-" + System.currentTimeMillis() + "-" + round;
        List<byte[]> log = randomLog(campaign, events, new Random(42L + round));
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : log) {
                producer.send(new ProducerRecord<>(Topics.EXPERIMENTS, campaign, value));
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (live.forest().tree(campaign).map(t -> t.size()).orElse(0) < events && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the tree's size while the consumer works
        }
        double liveSeconds = (System.nanoTime() - t0) / 1e9;
        int got = live.forest().tree(campaign).map(t -> t.size()).orElse(0);
        double rate = got < events ? 0 : events / liveSeconds;
        System.out.printf(Locale.ROOT, "ingest live, round %d: %d events produced in %.2f s and in the tree after %.2f s: %.0f events/s (%d in tree)%n",
                round, events, produced, liveSeconds, rate, got);
        return rate;
    }

    static List<byte[]> randomLog(String campaign, int n, Random random) {
        ExperimentId ids = new ExperimentId(Clock.systemUTC(), random);
        List<String> kept = new ArrayList<>();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = ids.next();
            String parent = kept.isEmpty() ? "" : kept.get(kept.size() - 1 - random.nextInt(Math.min(kept.size(), 20)));
            ExperimentStatus status = i == 0 || random.nextDouble() < 0.12 ? ExperimentStatus.KEEP
                    : random.nextDouble() < 0.9 ? ExperimentStatus.DISCARD : ExperimentStatus.CRASH;
            String patch = "diff --git a/params.properties b/params.properties\n--- a/params.properties\n+++ b/params.properties\n"
                    + "@@ -1,3 +1,3 @@\n x0 = 1.0\n-x1 = " + random.nextDouble() + "\n+x1 = " + random.nextDouble() + "\n x2 = 2.0\n";
            ExperimentEvent e = ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId(id)
                    .setCampaignId(campaign).setParentId(i == 0 ? "" : parent).setNodeId("node-" + random.nextInt(8))
                    .setProposer("mutation").setDescription("x1 change " + i).setPatch(patch)
                    .setPatchSha256(Patches.sha256(patch)).setStatus(status).setMetric(100 * random.nextDouble())
                    .putMetrics("objective", random.nextDouble()).setSeconds(0.1).build();
            out.add(EventCodec.encode(e));
            if (status == ExperimentStatus.KEEP) {
                kept.add(id);
            }
        }
        return out;
    }
}
