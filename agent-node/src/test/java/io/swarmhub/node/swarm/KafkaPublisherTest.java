package io.swarmhub.node.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaPublisher} against an in-memory producer with fault hooks. */
@Timeout(30)
class KafkaPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FlakyProducer producer = new FlakyProducer(1000);

    private KafkaPublisher start(Outbox outbox) {
        PublisherSettings settings = PublisherSettings.of("unused:9092")
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
        return new KafkaPublisher(outbox, settings, CLOCK, Thread::new, config -> producer);
    }

    private static ExperimentEvent experiment(String id, String patch) {
        return ExperimentEvent.newBuilder().setId(id).setCampaignId("c1").setPatch(patch).build();
    }

    @Test
    void publishExperiment_acknowledged_recordKeyedByCampaignWithIdHeader() throws Exception {
        try (Outbox outbox = Outbox.open(dir); KafkaPublisher publisher = start(outbox)) {
            publisher.publishExperiment(experiment("e1", "p"));
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(10)));
        }
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertEquals(Topics.EXPERIMENTS, sent.topic());
        assertEquals("c1", sent.key());
        assertEquals("e1", new String(sent.headers().lastHeader(KafkaPublisher.EVENT_ID_HEADER).value(), StandardCharsets.UTF_8));
        assertEquals("e1", EventCodec.decodeExperiment(sent.value()).getId());
    }

    @Test
    void publishFinding_unstamped_getsPublishedAtFromTheClock() throws Exception {
        try (Outbox outbox = Outbox.open(dir); KafkaPublisher publisher = start(outbox)) {
            publisher.publishFinding(FindingEvent.newBuilder().setExperiment(experiment("f1", "p")).build());
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(10)));
        }
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertEquals(Topics.FINDINGS, sent.topic());
        assertEquals(CLOCK.millis(), EventCodec.decodeFinding(sent.value()).getPublishedAtMs());
    }

    @Test
    void publishExperiment_noCampaign_rejectedBeforeTheOutbox() {
        try (Outbox outbox = Outbox.open(dir)) {
            KafkaPublisher publisher = start(outbox);
            assertThrows(IllegalArgumentException.class,
                    () -> publisher.publishExperiment(ExperimentEvent.newBuilder().setId("x").build()));
            assertEquals(0, outbox.endPosition());
            publisher.close();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void drain_transientFailures_retriesUntilEveryEventIsAcknowledgedOnce() throws Exception {
        producer.failNext(5);
        try (Outbox outbox = Outbox.open(dir); KafkaPublisher publisher = start(outbox)) {
            for (int i = 0; i < 50; i++) {
                publisher.publishExperiment(experiment("e" + i, "p"));
            }
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(10)), "pending " + publisher.pendingCount());
            assertFalse(publisher.brokerUnreachable(), "recovered after the failures");
            assertEquals(50, outbox.deliveredUpTo());
        }
        List<String> ids = producer.history().stream().map(r -> r.headers().lastHeader(KafkaPublisher.EVENT_ID_HEADER))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(50, ids.size(), "a failed send is retried, an acknowledged one is not: " + ids);
        assertEquals(50, ids.stream().distinct().count());
        assertTrue(producer.attempts() >= 55, "the failures were retried: " + producer.attempts());
    }

    @Test
    void drain_eventTooLargeForKafka_isQuarantinedAndLaterEventsFlow() throws Exception {
        try (Outbox outbox = Outbox.open(dir); KafkaPublisher publisher = start(outbox)) {
            publisher.publishExperiment(experiment("small-1", "p"));
            publisher.publishExperiment(experiment("huge", "x".repeat(5000)));
            publisher.publishExperiment(experiment("small-2", "p"));
            assertTrue(publisher.awaitDrained(Duration.ofSeconds(10)), "pending " + publisher.pendingCount());
        }
        assertEquals(2, producer.history().size());
        assertEquals("small-2", EventCodec.decodeExperiment(producer.history().get(1).value()).getId());
        Path note = dir.resolve("rejected").resolve(String.format("%020d.txt", 1));
        assertTrue(Files.readString(note).contains("huge"), "the rejected event is kept for an operator");
    }
}
