package io.swarmhub.node.swarm;

import io.swarmhub.protocol.kafka.ConsumerLag;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.EventDecodeException;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's view of the swarm's log: a thread that reads every partition of {@link
 * Topics#FINDINGS} and {@link Topics#EXPERIMENTS} (or one of them) from the beginning, or from the first
 * record stamped at or after {@link FeedSettings#fromMs()} (manual assignment, no consumer group, no
 * commits, so a new node learns the history it needs) and hands each decoded
 * event to a {@link Listener}. Undecodable records are counted, forwarded to the dead-letter
 * topic when enabled, and skipped; they never stall the feed. Broker outages only pause it: the
 * consumer reconnects by itself. Redelivered events appear again; listeners dedupe by id.
 */
public final class SwarmFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmFeed.class);
    private static final List<String> TOPICS = List.of(Topics.FINDINGS, Topics.EXPERIMENTS);

    private final List<String> topics;

    /** Receives the swarm's events on the feed's thread, in log order per partition. */
    public interface Listener {
        /** A finding, with the feed's clock reading (ms) when it arrived, for gossip latency against {@code published_at_ms}. */
        default void onFinding(FindingEvent finding, long receivedAtMs) {
        }

        /** An experiment outcome from any node, e.g. for swarm-wide (parent id, patch sha256) duplicate detection. */
        default void onExperiment(ExperimentEvent experiment) {
        }
    }

    private final FeedSettings settings;
    private final Listener listener;
    private final Clock clock;
    private final Consumer<byte[], byte[]> consumer;
    private final DeadLetterSink deadLetters;
    private final Thread thread;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    private final Set<TopicPartition> targetsUnknown = new HashSet<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean closed;
    private boolean warned;
    private long nextRefreshMs;

    /** Starts reading both topics with a consumer to the cluster in {@code settings} on a thread from {@code threads}. */
    public SwarmFeed(FeedSettings settings, Listener listener, Clock clock, ThreadFactory threads) {
        this(settings, TOPICS, listener, clock, threads);
    }

    /** Starts reading {@code topics} (some of {@link #topics()}) on a thread from {@code threads}. */
    public SwarmFeed(FeedSettings settings, List<String> topics, Listener listener, Clock clock, ThreadFactory threads) {
        if (topics.isEmpty() || !TOPICS.containsAll(topics)) {
            throw new IllegalArgumentException("a swarm feed reads some of " + TOPICS + ", not " + topics);
        }
        this.topics = List.copyOf(topics);
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(settings.consumerConfig());
        this.deadLetters = new DeadLetterSink(settings.deadLetterConfig(), KafkaProducer::new);
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** A feed of both topics with the system clock and a daemon thread named {@code swarmhub-feed}. */
    public static SwarmFeed start(FeedSettings settings, Listener listener) {
        return start(settings, TOPICS, listener);
    }

    /** A feed of {@code topics} with the system clock and a daemon thread named {@code swarmhub-feed}. */
    public static SwarmFeed start(FeedSettings settings, List<String> topics, Listener listener) {
        return new SwarmFeed(settings, topics, listener, Clock.systemUTC(), r -> {
            Thread t = new Thread(r, "swarmhub-feed");
            t.setDaemon(true);
            return t;
        });
    }

    /** Events decoded and handed to the listener so far. */
    public long receivedCount() {
        return received.get();
    }

    /** Records this feed has yet to read from {@code topic} (summed over partitions), as of its last fetch; NaN before one. */
    public double lag(String topic) {
        return ConsumerLag.of(consumer.metrics(), topic); // the consumer's metrics are safe to read from any thread
    }

    /** The topics a feed may read (both, unless it was started with fewer). */
    public static List<String> topics() {
        return TOPICS;
    }

    /** Records skipped as undecodable so far. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Waits until the feed has read everything that was in its topics when it first found them. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    if (clock.millis() >= nextRefreshMs) {
                        refreshAssignment();
                    }
                    if (assigned.isEmpty()) {
                        pause(settings.retryBackoff());
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
                        handle(record);
                    }
                    checkCaughtUp();
                } catch (WakeupException e) {
                    // close() woke the consumer; the loop condition ends it
                } catch (KafkaException e) {
                    LOG.warn("reading the swarm from Kafka at {}: {}; retrying", settings.bootstrapServers(),
                            e.getMessage());
                    pause(settings.retryBackoff());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
            deadLetters.close();
        }
    }

    /** Assigns partitions not yet read (all of them the first time), from the beginning or the start time. */
    private void refreshAssignment() {
        List<TopicPartition> found = new ArrayList<>();
        boolean complete = true;
        for (String topic : topics) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, settings.retryBackoff().multipliedBy(3));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = List.of();
            }
            if (infos == null || infos.isEmpty()) {
                complete = false;
            } else {
                infos.forEach(i -> found.add(new TopicPartition(i.topic(), i.partition())));
            }
        }
        List<TopicPartition> added = found.stream().filter(tp -> !assigned.contains(tp)).toList();
        if (!added.isEmpty()) {
            Set<TopicPartition> next = new HashSet<>(assigned);
            next.addAll(added);
            consumer.assign(next);
            try {
                seekStart(added);
                assigned.addAll(added);
                if (caughtUp.getCount() > 0) {
                    targetsUnknown.addAll(added);
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                consumer.assign(assigned); // where to start is not known yet: look again after the backoff
                complete = false;
            }
        }
        if (complete) {
            nextRefreshMs = clock.millis() + settings.partitionRefresh().toMillis();
            if (warned) {
                warned = false;
                LOG.info("found the swarm topics at Kafka {}; reading", settings.bootstrapServers());
            }
        } else {
            nextRefreshMs = clock.millis() + settings.retryBackoff().toMillis();
            if (!warned) {
                warned = true;
                LOG.warn("Kafka at {} does not answer or lacks the topics {}; waiting for it (is the broker up and "
                        + "the coordinator started?)", settings.bootstrapServers(), topics);
            }
        }
    }

    /** Positions newly assigned partitions at the beginning, or at the first record stamped at or after the start time. */
    private void seekStart(List<TopicPartition> partitions) {
        if (settings.fromMs() == 0) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, settings.fromMs()));
        // The ends first: a partition with nothing that recent starts at its end as of before the lookup. A
        // seek to the end would be resolved later, at the first poll, and skip what arrived in between.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, settings.retryBackoff().multipliedBy(3));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, settings.retryBackoff().multipliedBy(3));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = starts.get(tp);
            consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
        }
    }

    private void checkCaughtUp() {
        if (caughtUp.getCount() == 0) {
            return;
        }
        try {
            if (!targetsUnknown.isEmpty()) {
                catchUpTargets.putAll(consumer.endOffsets(targetsUnknown, settings.pollTimeout()));
                targetsUnknown.clear();
            }
            catchUpTargets.entrySet().removeIf(e -> e.getValue() <= consumer.position(e.getKey(), settings.pollTimeout()));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return; // no position yet (broker away); try after the next poll
        }
        boolean allTopics = assigned.stream().map(TopicPartition::topic).distinct().count() == topics.size();
        if (allTopics && catchUpTargets.isEmpty() && targetsUnknown.isEmpty()) {
            caughtUp.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        long receivedAtMs = clock.millis();
        try {
            if (Topics.FINDINGS.equals(record.topic())) {
                FindingEvent finding = EventCodec.decodeFinding(record.value());
                received.incrementAndGet();
                deliver(() -> listener.onFinding(finding, receivedAtMs), finding.getExperiment().getId());
            } else {
                ExperimentEvent experiment = EventCodec.decodeExperiment(record.value());
                received.incrementAndGet();
                deliver(() -> listener.onExperiment(experiment), experiment.getId());
            }
        } catch (EventDecodeException e) {
            skipped.incrementAndGet();
            LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            if (settings.deadLetter()) {
                deadLetters.forward(record, e.getMessage());
            }
        }
    }

    private static void deliver(Runnable call, String id) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a swarm listener failed on event {}: {}", id, e.toString());
        }
    }

    private void pause(Duration d) {
        try {
            stop.await(d.toMillis(), TimeUnit.MILLISECONDS); // retry pacing, cut short by close()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the feed thread and closes its consumer. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        stop.countDown();
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
