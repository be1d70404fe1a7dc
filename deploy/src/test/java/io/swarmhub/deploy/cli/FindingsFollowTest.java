package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.kafka.TopicSetup;
import io.swarmhub.deploy.broker.EmbeddedBroker;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarm findings --follow} against a real broker: new findings as they are published, {@code --count} to stop. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FindingsFollowTest {
    @TempDir
    static Path tmp;
    static EmbeddedBroker broker;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(tmp.resolve("broker"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicSetup.ensure(admin, broker.bootstrapServers(), 2, Duration.ofSeconds(30));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void follow_printsOnlyFindingsPublishedAfterItStarted_andStopsAtCount() throws Exception {
        String campaign = "follow-new";
        publish(campaign, "old-1", 9.0);
        publish("another-campaign", "other-1", 1.0);

        CompletableFuture<BrowseSwarm.Run> follower = CompletableFuture.supplyAsync(() -> BrowseSwarm.plain(
                "findings", "--follow", "--count", "2", "--campaign", campaign, "--kafka", broker.bootstrapServers()));
        // The follower starts at the end of the topic some time after this; publish until it has its two.
        int n = 0;
        while (!follower.isDone() && n < 200) {
            publish("another-campaign", "other-new-" + n, 1.0);
            publish(campaign, "new-" + n, 5.0 - n * 0.01);
            n++;
            Thread.sleep(100);
        }
        BrowseSwarm.Run run = follower.get(30, TimeUnit.SECONDS);

        assertEquals(0, run.code(), run.err());
        List<String> lines = run.lines();
        assertEquals(2, lines.size(), run.out());
        int first = indexOf(lines.get(0));
        assertEquals(first + 1, indexOf(lines.get(1)), "consecutive new findings, in order: " + run.out());
        assertTrue(lines.stream().allMatch(l -> l.contains("  " + campaign + "  ") && l.contains("  test-node  ")), run.out());
    }

    @Test
    void followFromBeginning_printsWhatIsThereFirst_json() throws Exception {
        String campaign = "follow-old";
        publish(campaign, "a", 3.0);
        publish(campaign, "b", 2.0);
        publish(campaign, "c", 1.0);

        BrowseSwarm.Run run = BrowseSwarm.plain("findings", "--follow", "--from-beginning", "--count", "2", "--json",
                "--campaign", campaign, "--kafka", broker.bootstrapServers());

        assertEquals(0, run.code(), run.err());
        assertEquals(2, run.lines().size(), run.out());
        assertTrue(run.lines().get(0).contains("\"id\":\"a\"") && run.lines().get(1).contains("\"id\":\"b\""), run.out());
    }

    @Test
    void countBelowOne_isRefused() {
        BrowseSwarm.Run run = BrowseSwarm.plain("findings", "--count", "0", "--kafka", broker.bootstrapServers());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--count must be at least 1"), run.err());
    }

    private static int indexOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("  new-(\\d+)  ").matcher(line);
        assertTrue(m.find(), line);
        return Integer.parseInt(m.group(1));
    }

    private static void publish(String campaign, String id, double metric) throws Exception {
        ExperimentEvent e = ExperimentEvent.newBuilder().setId(id).setCampaignId(campaign).setNodeId("test-node")
                .setProposer("mutation").setDescription("x0 1 -> 2").setStatus(ExperimentStatus.KEEP).setMetric(metric)
                .build();
        FindingEvent f = FindingEvent.newBuilder().setExperiment(e).setPublishedAtMs(System.currentTimeMillis()).build();
        producer.send(new ProducerRecord<>(Topics.FINDINGS, campaign, EventCodec.encode(f))).get(10, TimeUnit.SECONDS);
    }
}
