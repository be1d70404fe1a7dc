package io.swarmhub.node.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link SwarmFeed} with a start time ({@link FeedSettings#from}) against a real KRaft broker of
 * its own: the topics start with an old campaign's records, as a long-lived swarm's do.
 */
@Timeout(120)
class SwarmFeedStartTest {
    private static EmbeddedKafka kafka;

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

    private static ExperimentEvent experiment(String campaign, String id) {
        return ExperimentEvent.newBuilder().setId(id).setCampaignId(campaign).setParentId("root")
                .setPatchSha256("sha-" + id).setStatus(ExperimentStatus.DISCARD).setMetric(1.0).build();
    }

    private static FindingEvent finding(String campaign, String id) {
        return FindingEvent.newBuilder().setExperiment(experiment(campaign, id).toBuilder().setStatus(ExperimentStatus.KEEP)).build();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void feed_fromStartTime_skipsOlderRecordsReadsNewerAndLaterOnesOnEveryPartition() throws Exception {
        long now = System.currentTimeMillis();
        long old = now - Duration.ofHours(1).toMillis();
        try (KafkaProducer<String, byte[]> raw = producer()) {
            for (int p = 0; p < 3; p++) { // an hour-old campaign on every partition of both topics
                raw.send(new ProducerRecord<>(Topics.FINDINGS, p, old, "since-c", EventCodec.encode(finding("since-c", "old-f" + p)))).get();
                raw.send(new ProducerRecord<>(Topics.EXPERIMENTS, p, old, "since-c", EventCodec.encode(experiment("since-c", "old-e" + p)))).get();
            }
            // this campaign's events so far, on partition 0 only: partitions 1 and 2 hold nothing that recent
            raw.send(new ProducerRecord<>(Topics.FINDINGS, 0, now, "since-c", EventCodec.encode(finding("since-c", "new-f0")))).get();
            raw.send(new ProducerRecord<>(Topics.EXPERIMENTS, 0, now, "since-c", EventCodec.encode(experiment("since-c", "new-e0")))).get();
        }
        FeedCollector collector = new FeedCollector("since-");
        FeedSettings settings = FeedSettings.of(kafka.bootstrap()).withRetryBackoff(Duration.ofMillis(200)).from(now - 60_000);
        try (SwarmFeed feed = new SwarmFeed(settings, collector, Clock.systemUTC(), Thread::new);
             KafkaProducer<String, byte[]> raw = producer()) {
            assertTrue(feed.awaitCaughtUp(Duration.ofSeconds(30)), "the feed catches up");
            assertEquals(List.of("new-f0"), collector.findings().stream().map(r -> r.finding().getExperiment().getId()).toList());
            assertEquals(List.of("new-e0"), collector.experiments().stream().map(ExperimentEvent::getId).toList());
            // published after the feed started, on a partition it found nothing recent on: read
            raw.send(new ProducerRecord<>(Topics.FINDINGS, 2, null, "since-c", EventCodec.encode(finding("since-c", "later-f2")))).get();
            raw.send(new ProducerRecord<>(Topics.EXPERIMENTS, 1, null, "since-c", EventCodec.encode(experiment("since-c", "later-e1")))).get();
            Await.until(Duration.ofSeconds(30), () -> collector.size() == 4, () -> "feed got " + collector.size());
        }
        assertEquals(List.of("new-f0", "later-f2"), collector.findings().stream().map(r -> r.finding().getExperiment().getId()).toList());
        assertEquals(List.of("new-e0", "later-e1"), collector.experiments().stream().map(ExperimentEvent::getId).toList());
    }

}
