package io.swarmhub.coordinator.kafka;

import io.swarmhub.coordinator.projection.EventSink;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.EventDecodeException;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.FindingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the campaigns and experiments topics from offset 0 into an {@link EventSink}: the
 * coordinator's state is a projection of the log, and a restart replays it. Partitions are
 * assigned manually (no consumer group, no rebalance); new partitions are picked up
 * periodically. Records that do not decode, or that the sink rejects, go to the dead-letter
 * topic and the projection moves on.
 */
public final class LogProjection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogProjection.class);
    // Findings are read only to check them: the coordinator is the swarm's one dead-letter writer,
    // so a bad record is forwarded once, not once per node and again at every node restart.
    private static final List<String> TOPICS = List.of(Topics.CAMPAIGNS, Topics.EXPERIMENTS, Topics.FINDINGS);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long DISCOVERY_INTERVAL_MS = 10_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final EventSink sink;
    private final DeadLetters deadLetters;
    private final Thread thread;
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean closed;
    private volatile boolean started;
    private volatile Throwable failure;
    private volatile java.util.function.Consumer<FindingEvent> findings = f -> { };

    /**
     * @param consumer    a consumer with byte-array deserializers and no group id; this class owns it
     * @param admin       reads end offsets for {@link #awaitCaughtUp}; not closed by this class
     * @param threadFactory makes the one thread that polls and applies
     */
    public LogProjection(Consumer<byte[], byte[]> consumer, Admin admin, EventSink sink,
                         DeadLetters deadLetters, ThreadFactory threadFactory) {
        this.consumer = consumer;
        this.admin = admin;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.thread = threadFactory.newThread(this::run);
    }

    /** Assigns every partition of both topics from the beginning and starts applying records. */
    public void start() {
        discoverPartitions();
        started = true;
        thread.start();
    }

    private void run() {
        long nextDiscovery = System.currentTimeMillis() + DISCOVERY_INTERVAL_MS;
        try {
            while (!closed) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        apply(r);
                    }
                    recordPositions();
                    if (System.currentTimeMillis() >= nextDiscovery) {
                        discoverPartitions();
                        nextDiscovery = System.currentTimeMillis() + DISCOVERY_INTERVAL_MS;
                    }
                } catch (WakeupException e) {
                    // close() woke us up; the loop condition ends the thread
                } catch (RuntimeException e) {
                    if (closed) {
                        break;
                    }
                    LOG.error("log projection: {}; retrying in 1 s", e.toString());
                    synchronized (progress) {
                        progress.wait(1000); // back off instead of spinning on a persistent error
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("log projection stopped", t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(Topics.EXPERIMENTS)) {
                sink.applyExperiment(EventCodec.decodeExperiment(r.value()));
            } else if (r.topic().equals(Topics.FINDINGS)) {
                // The kept experiment itself arrives on the experiments topic; the finding is only checked and counted.
                findings.accept(EventCodec.decodeFinding(r.value()));
            } else if (r.value() != null) { // a null campaign value is a compaction tombstone
                sink.applyCampaign(EventCodec.decodeCampaign(r.value()));
            }
        } catch (EventDecodeException | IllegalArgumentException e) {
            deadLetters.forward(r, e);
        } catch (RuntimeException e) {
            LOG.error("cannot apply {}/{}/{}", r.topic(), r.partition(), r.offset(), e);
            deadLetters.forward(r, e);
        }
    }

    private void recordPositions() {
        for (TopicPartition tp : assignment) {
            try {
                applied.put(tp, consumer.position(tp, Duration.ofSeconds(1)));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // position not known yet (first fetch pending); try after the next poll
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void discoverPartitions() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        List<TopicPartition> fresh = all.stream().filter(tp -> !assignment.contains(tp)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        consumer.assign(all);
        consumer.seekToBeginning(fresh);
        assignment = Set.copyOf(all);
    }

    /**
     * Waits until every record that was in the log when this method was called has been
     * applied. Returns false on timeout; throws {@link IllegalStateException} if the projection
     * has stopped.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        assignment.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        try {
            admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> end.put(tp, info.offset()));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
        return awaitPositions(end, deadline);
    }

    /** Waits until the record at {@code offset} of {@code tp} has been applied. */
    public boolean awaitApplied(TopicPartition tp, long offset, Duration timeout) throws InterruptedException {
        return awaitPositions(Map.of(tp, offset + 1), System.nanoTime() + timeout.toNanos());
    }

    private boolean awaitPositions(Map<TopicPartition, Long> targets, long deadline) throws InterruptedException {
        synchronized (progress) {
            while (true) {
                if (failure != null || (closed && !thread.isAlive())) {
                    throw new IllegalStateException("the log projection has stopped", failure);
                }
                if (targets.entrySet().stream().allMatch(t -> applied.getOrDefault(t.getKey(), 0L) >= t.getValue())) {
                    return true;
                }
                long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMs <= 0) {
                    return false;
                }
                progress.wait(waitMs);
            }
        }
    }

    /** Hears every decoded finding on the projection's thread (metrics); call before {@link #start}; must not throw. */
    public void onFinding(java.util.function.Consumer<FindingEvent> listener) {
        this.findings = listener;
    }

    /** The topics this projection reads. */
    public static List<String> topics() {
        return TOPICS;
    }

    /** The consumer's own Kafka metrics (records-lag per partition and the like); safe from any thread. */
    public Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /** The next offset to apply per partition, as of the last poll. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(applied);
    }

    /** Stops polling and closes the consumer. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (!started) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
