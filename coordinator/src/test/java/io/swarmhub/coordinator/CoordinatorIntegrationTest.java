package io.swarmhub.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.swarmhub.coordinator.api.AdminTokenInterceptor;
import io.swarmhub.coordinator.kafka.TopicSetup;
import io.swarmhub.protocol.kafka.DeadLetter;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator against a real embedded KRaft broker: projection, restart, dead letters, live API. */
class CoordinatorIntegrationTest {
    static EmbeddedKafka kafka;
    static KafkaProducer<byte[], byte[]> producer;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            TopicSetup.ensure(admin, kafka.bootstrap(), 3, Duration.ofSeconds(30));
        }
        producer = kafka.producer();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        producer.close();
        kafka.close();
    }

    Config config() {
        return Config.of(kafka.bootstrap(), 0, dataDir).withKafkaTimeout(Duration.ofSeconds(30));
    }

    static RecordMetadata publish(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
    }

    static void publishCampaign(String id, Direction direction) throws Exception {
        publish(Topics.CAMPAIGNS, id, EventCodec.encode(CampaignEvent.newBuilder().setCampaignId(id)
                .setCampaign(Campaign.newBuilder().setName(id).setGoal(Goal.newBuilder().setMetric("val")
                        .setDirection(direction)))
                .setState(CampaignState.ACTIVE).setBaseBundle(ByteString.copyFromUtf8("bundle " + id)).build()));
    }

    static ExperimentEvent experiment(String campaign, String id, String parent, ExperimentStatus status, double metric) {
        return ExperimentEvent.newBuilder().setId(id).setCampaignId(campaign).setParentId(parent)
                .setStatus(status).setMetric(metric).putMetrics("val", metric).setNodeId("node-" + (id.hashCode() & 3))
                .setPatch("--- a/p\n+++ b/p\n-" + parent + "\n+" + id + "\n").setPatchSha256("sha-" + id).build();
    }

    /** Publishes a random tree of {@code n} experiments (baseline first) plus a few redeliveries. */
    static List<ExperimentEvent> publishRandomTree(String campaign, int n, long seed) throws Exception {
        Random random = new Random(seed);
        List<ExperimentEvent> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String parent = i == 0 ? "" : all.get(random.nextInt(all.size())).getId();
            ExperimentStatus status = i == 0 || random.nextInt(3) == 0 ? ExperimentStatus.KEEP
                    : ExperimentStatus.values()[2 + random.nextInt(5)];
            ExperimentEvent e = experiment(campaign, String.format("%s-%04d", campaign, i), parent, status,
                    random.nextDouble());
            all.add(e);
            producer.send(new ProducerRecord<>(Topics.EXPERIMENTS, campaign.getBytes(StandardCharsets.UTF_8),
                    EventCodec.encode(e)));
            if (i % 40 == 39) { // a node's outbox redelivering an earlier event
                producer.send(new ProducerRecord<>(Topics.EXPERIMENTS, campaign.getBytes(StandardCharsets.UTF_8),
                        EventCodec.encode(all.get(i / 2))));
            }
        }
        producer.flush();
        return all;
    }

    static ManagedChannel channel(Coordinator c) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", c.grpcPort()).usePlaintext().build();
    }

    /** Every experiment of the campaign, paging GetTree; asserts each arrives once, after its parent. */
    static List<ExperimentEvent> readTree(CoordinatorGrpc.CoordinatorBlockingStub stub, String campaign) {
        List<ExperimentEvent> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        GetTreeResponse page;
        do {
            page = stub.getTree(GetTreeRequest.newBuilder().setCampaignId(campaign).setCursor(cursor).setPageSize(17).build());
            for (ExperimentEvent e : page.getExperimentsList()) {
                assertTrue(seen.add(e.getId()), "twice: " + e.getId());
                assertTrue(e.getParentId().isEmpty() || seen.contains(e.getParentId()), "parent first: " + e.getId());
                out.add(e);
            }
            cursor = page.getNextCursor();
        } while (cursor < page.getTotal());
        return out;
    }

    @Test
    void restart_replaysTheLog_intoTheSameTree() throws Exception {
        publishCampaign("rt", Direction.MINIMIZE);
        List<ExperimentEvent> published = publishRandomTree("rt", 200, 11);

        List<ExperimentEvent> before;
        CampaignInfo infoBefore;
        try (Coordinator c = Coordinator.start(config())) {
            ManagedChannel ch = channel(c);
            var stub = CoordinatorGrpc.newBlockingStub(ch);
            before = readTree(stub, "rt");
            infoBefore = stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId("rt").build()).getCampaign();
            ch.shutdownNow();
        }
        assertEquals(published.stream().map(ExperimentEvent::getId).collect(java.util.stream.Collectors.toSet()),
                before.stream().map(ExperimentEvent::getId).collect(java.util.stream.Collectors.toSet()));
        assertEquals(200, infoBefore.getExperiments());

        try (Coordinator c = Coordinator.start(config())) {
            ManagedChannel ch = channel(c);
            var stub = CoordinatorGrpc.newBlockingStub(ch);
            assertEquals(before, readTree(stub, "rt"));
            assertEquals(infoBefore, stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId("rt").build()).getCampaign());
            ch.shutdownNow();
        }
    }

    @Test
    void garbageRecord_isDeadLettered_andLaterRecordsStillApplied() throws Exception {
        publishCampaign("dl", Direction.MAXIMIZE);
        publish(Topics.EXPERIMENTS, "dl", EventCodec.encode(experiment("dl", "dl-base", "", ExperimentStatus.KEEP, 1)));
        try (Coordinator c = Coordinator.start(config())) {
            byte[] garbage = "garbage, not protobuf".getBytes(StandardCharsets.UTF_8);
            RecordMetadata bad = publish(Topics.EXPERIMENTS, "dl", garbage);
            byte[] future = experiment("dl", "dl-future", "dl-base", ExperimentStatus.KEEP, 9).toBuilder()
                    .setSchemaValue(99).build().toByteArray();
            RecordMetadata unknown = publish(Topics.EXPERIMENTS, "dl", future);
            publish(Topics.EXPERIMENTS, "dl", EventCodec.encode(experiment("dl", "dl-after", "dl-base", ExperimentStatus.KEEP, 2)));
            assertTrue(c.awaitCaughtUp(Duration.ofSeconds(30)));

            var tree = c.forest().tree("dl").orElseThrow();
            assertEquals(2, tree.size());
            assertEquals("dl-after", tree.best(io.swarmhub.coordinator.tree.Direction.MAXIMIZE).orElseThrow().id());

            List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters(2, Duration.ofSeconds(30));
            ConsumerRecord<byte[], byte[]> garbageLetter = find(dead, bad);
            assertArrayEquals(garbage, garbageLetter.value());
            assertEquals(Topics.EXPERIMENTS, header(garbageLetter, DeadLetter.SOURCE_TOPIC));
            assertTrue(header(find(dead, unknown), DeadLetter.ERROR).contains("schema version 99"));
        }
        try (Coordinator c = Coordinator.start(config())) {
            assertEquals(2, c.forest().tree("dl").orElseThrow().size());
        }
        List<ConsumerRecord<byte[], byte[]>> dead = awaitDeadLetters(0, Duration.ofSeconds(5));
        assertEquals(2, dead.stream().filter(r -> "dl".equals(new String(r.key(), StandardCharsets.UTF_8))).count(),
                "a restart does not forward the same records again");
    }

    @Test
    void launchWatchAndStop_overNetty_withAdminToken() throws Exception {
        try (Coordinator c = Coordinator.start(config().withAdminToken("tok"))) {
            ManagedChannel ch = channel(c);
            Metadata auth = new Metadata();
            auth.put(AdminTokenInterceptor.AUTHORIZATION, "Bearer tok");
            var stub = CoordinatorGrpc.newBlockingStub(ch);
            var admin = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
            String id = admin.launchCampaign(LaunchCampaignRequest.newBuilder()
                    .setCampaign(Campaign.newBuilder().setName("Live Demo"))
                    .setBaseBundle(ByteString.copyFromUtf8("the bundle")).setBaseCommit("abc").build()).getCampaignId();
            assertTrue(id.startsWith("live-demo-"), id);
            String node = stub.registerNode(RegisterNodeRequest.newBuilder().setSlots(1).build()).getNodeId();
            assertEquals(List.of(id), stub.heartbeat(HeartbeatRequest.newBuilder().setNodeId(node).build())
                    .getActiveCampaignIdsList());

            LinkedBlockingQueue<WatchEventsResponse> watched = new LinkedBlockingQueue<>();
            CoordinatorGrpc.newStub(ch).watchEvents(WatchEventsRequest.newBuilder().setCampaignId(id).setCursor(0).build(),
                    new io.grpc.stub.StreamObserver<>() {
                        public void onNext(WatchEventsResponse r) {
                            watched.add(r);
                        }

                        public void onError(Throwable t) {
                        }

                        public void onCompleted() {
                        }
                    });
            publish(Topics.EXPERIMENTS, id, EventCodec.encode(experiment(id, "x1", "", ExperimentStatus.KEEP, 1)));
            WatchEventsResponse got = watched.poll(30, TimeUnit.SECONDS);
            assertEquals("x1", got == null ? null : got.getExperiment().getId());

            admin.stopCampaign(StopCampaignRequest.newBuilder().setCampaignId(id).build());
            assertEquals(0, stub.heartbeat(HeartbeatRequest.newBuilder().setNodeId(node).build()).getActiveCampaignIdsCount());
            ch.shutdownNow();
        }
        try (Coordinator c = Coordinator.start(config())) {
            var campaign = c.campaigns().list().stream().filter(e -> e.name().equals("Live Demo")).findFirst().orElseThrow();
            assertTrue(!campaign.active(), "the stop survives a restart (compacted topic keeps the latest event)");
            ManagedChannel ch = channel(c);
            FetchWorkspaceResponse ws = CoordinatorGrpc.newBlockingStub(ch)
                    .fetchWorkspace(FetchWorkspaceRequest.newBuilder().setCampaignId(campaign.id()).build());
            assertEquals("the bundle", ws.getBaseBundle().toStringUtf8());
            assertEquals("abc", ws.getBaseCommit());
            ch.shutdownNow();
        }
    }

    @Test
    void start_unreachableKafka_failsWithAClearMessage() {
        Config bad = Config.of("127.0.0.1:1", 0, dataDir).withKafkaTimeout(Duration.ofSeconds(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coordinator.start(bad));
        assertTrue(e.getMessage().contains("cannot reach Kafka at 127.0.0.1:1"), e.getMessage());
    }

    /** Reads the whole dead-letter topic, waiting until it holds at least {@code atLeast} records. */
    static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(int atLeast, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.DEAD_LETTER, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast && consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp)) {
                    return out;
                }
            }
            throw new AssertionError("dead-letter topic has " + out.size() + " records, expected " + atLeast);
        }
    }

    static ConsumerRecord<byte[], byte[]> find(List<ConsumerRecord<byte[], byte[]>> dead, RecordMetadata source) {
        return dead.stream()
                .filter(r -> String.valueOf(source.partition()).equals(header(r, DeadLetter.SOURCE_PARTITION))
                        && String.valueOf(source.offset()).equals(header(r, DeadLetter.SOURCE_OFFSET)))
                .findFirst().orElseThrow(() -> new AssertionError("not dead-lettered: " + source));
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
