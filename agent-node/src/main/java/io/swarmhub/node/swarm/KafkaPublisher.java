package io.swarmhub.node.swarm;

import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a node's events to Kafka through its {@link Outbox}. {@link #publishExperiment} and
 * {@link #publishFinding} append to the outbox and return at once; a background thread drains
 * the outbox with an idempotent producer ({@code acks=all}) and advances the outbox's delivered
 * marker as Kafka acknowledges. While the broker is unreachable the events stay in the outbox,
 * the thread retries with backoff (one warning per outage) and catches up when it returns.
 * Delivery is at least once: a kill before the marker moves means redelivery, with the same ids.
 *
 * <p>The publisher does not own the outbox; close the publisher first, then the outbox.
 */
public final class KafkaPublisher implements AutoCloseable {
    /** Record header carrying the event id, so consumers can drop redeliveries without decoding. */
    public static final String EVENT_ID_HEADER = "swarmhub.event.id";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final PublisherSettings settings;
    private final Clock clock;
    private final Function<Map<String, Object>, Producer<String, byte[]>> producers;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private boolean work = true;
    private volatile boolean stopping;
    private volatile boolean stopNow;
    private volatile boolean unreachable;
    private volatile Producer<String, byte[]> producer;
    private final CountDownLatch connected = new CountDownLatch(1);

    /** Starts draining {@code outbox} to the Kafka cluster in {@code settings} on a thread from {@code threads}. */
    public KafkaPublisher(Outbox outbox, PublisherSettings settings, Clock clock, ThreadFactory threads) {
        this(outbox, settings, clock, threads, KafkaProducer::new);
    }

    /** As above with a producer factory, so tests can inject a fake producer. */
    KafkaPublisher(Outbox outbox, PublisherSettings settings, Clock clock, ThreadFactory threads,
                   Function<Map<String, Object>, Producer<String, byte[]>> producers) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.producers = producers;
        this.thread = threads.newThread(this::drainLoop);
        thread.start();
    }

    /** A publisher with the system clock and a daemon thread named {@code swarmhub-publisher}. */
    public static KafkaPublisher start(Outbox outbox, PublisherSettings settings) {
        return new KafkaPublisher(outbox, settings, Clock.systemUTC(), r -> {
            Thread t = new Thread(r, "swarmhub-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Records an experiment for {@link Topics#EXPERIMENTS}, keyed by its campaign; returns once it is in the outbox. */
    public void publishExperiment(ExperimentEvent event) {
        require("experiment id", event.getId());
        require("campaign id of experiment " + event.getId(), event.getCampaignId());
        append(Topics.EXPERIMENTS, event.getCampaignId(), EventCodec.encode(event), event.getId());
    }

    /**
     * Records a finding for {@link Topics#FINDINGS}, keyed by its campaign, stamping {@code
     * published_at_ms} from the clock when unset; returns once it is in the outbox.
     */
    public void publishFinding(FindingEvent event) {
        ExperimentEvent experiment = event.getExperiment();
        require("finding's experiment id", experiment.getId());
        require("campaign id of finding " + experiment.getId(), experiment.getCampaignId());
        if (event.getPublishedAtMs() == 0) {
            event = event.toBuilder().setPublishedAtMs(clock.millis()).build();
        }
        append(Topics.FINDINGS, experiment.getCampaignId(), EventCodec.encode(event), experiment.getId());
    }

    private void append(String topic, String key, byte[] value, String id) {
        outbox.append(topic, key, value, id); // after close too: the outbox keeps it for the next start
        signal(wake, true);
    }

    /** Events in the outbox not yet acknowledged by Kafka. */
    public long pendingCount() {
        return outbox.pendingCount();
    }

    /** True while the last attempt to reach Kafka failed. */
    public boolean brokerUnreachable() {
        return unreachable;
    }

    /** Waits until the producer has reached Kafka once (warm-up or a delivered batch); false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until every event appended so far is acknowledged; false if {@code timeout} passes first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (outbox.pendingCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void drainLoop() {
        Duration backoff = settings.minBackoff();
        try {
            warmUp();
            while (!stopNow) {
                List<Outbox.Entry> batch = outbox.pending(settings.batchSize());
                if (batch.isEmpty()) {
                    if (stopping) {
                        return;
                    }
                    await(IDLE_WAIT, true);
                    continue;
                }
                Exception failure;
                try {
                    failure = send(batch);
                } catch (java.io.UncheckedIOException e) {
                    LOG.error("cannot update the outbox at {}: {}", outbox.directory(), e.getMessage());
                    failure = e;
                }
                signal(progress, false);
                if (failure == null) {
                    backoff = settings.minBackoff();
                    continue;
                }
                if (stopNow) {
                    return;
                }
                onFailure(failure);
                await(backoff, false);
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        } catch (RuntimeException e) {
            LOG.error("the outbox publisher stopped: {}; {} events stay in the outbox at {} and are sent on restart",
                    e.toString(), outbox.pendingCount(), outbox.directory());
        } finally {
            closeProducer(stopNow ? Duration.ZERO : Duration.ofSeconds(1));
        }
    }

    /**
     * Connects and learns the topics' leaders before the first event needs them: the producer's
     * bootstrap, metadata and producer-id round trips otherwise land on the first finding (close
     * to a second on a busy machine) and on every finding queued behind it. A broker that does not
     * answer only delays this by max.block.ms; sending retries on its own.
     */
    private void warmUp() {
        if (outbox.pendingCount() > 0) {
            return; // the first send does the same work
        }
        try {
            Producer<String, byte[]> p = producer();
            p.partitionsFor(Topics.FINDINGS);
            p.partitionsFor(Topics.EXPERIMENTS);
            connected.countDown();
        } catch (RuntimeException e) {
            LOG.debug("warming up the producer for Kafka at {}: {}", settings.bootstrapServers(), e.toString());
        }
    }

    /** Sends a batch and marks the acknowledged prefix delivered; returns the failure, or null if all went. */
    private Exception send(List<Outbox.Entry> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        Exception failure = null;
        Producer<String, byte[]> p = null;
        try {
            p = producer();
            for (Outbox.Entry e : batch) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), e.key(), e.value());
                record.headers().add(EVENT_ID_HEADER, e.eventId().getBytes(StandardCharsets.UTF_8));
                Future<RecordMetadata> ack = p.send(record);
                acks.add(ack);
                if (ack.isDone() && failedForAll(ack)) {
                    break; // e.g. no metadata within max.block.ms: the rest would wait as long, each
                }
            }
        } catch (KafkaException | IllegalStateException e) {
            failure = e; // max.block.ms passed without metadata, a bad bootstrap address, a closed producer
        }
        if (p != null && !acks.isEmpty()) {
            try {
                p.flush(); // settle what was sent, so a retry does not duplicate it needlessly
            } catch (KafkaException | IllegalStateException e) {
                failure = failure == null ? e : failure;
            }
        }
        int done = 0;
        for (; done < acks.size() && acks.get(done).isDone(); done++) {
            try {
                acks.get(done).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!rejectsRecord(cause)) {
                    failure = cause instanceof Exception ex ? ex : e;
                    break;
                }
                Outbox.Entry rejected = batch.get(done);
                LOG.error("Kafka rejects event {} for {} ({} bytes): {}; kept under {}", rejected.eventId(),
                        rejected.topic(), rejected.value().length, cause.getMessage(),
                        outbox.quarantine(rejected, cause.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
        if (done > 0) {
            outbox.markDelivered(batch.get(done - 1).position());
        }
        if (done == batch.size()) {
            onSuccess();
            return null;
        }
        return failure != null ? failure : new TimeoutException("events were not acknowledged in time");
    }

    /** True if the send failed for a reason other than the record itself. */
    private static boolean failedForAll(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return !rejectsRecord(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void require(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static boolean rejectsRecord(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException;
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            p = producers.apply(settings.producerConfig());
            producer = p;
        }
        return p;
    }

    private void onSuccess() {
        connected.countDown();
        if (unreachable) {
            unreachable = false;
            LOG.info("Kafka at {} is reachable again; delivering from the outbox ({} events still pending)",
                    settings.bootstrapServers(), outbox.pendingCount());
        }
    }

    private void onFailure(Exception failure) {
        if (!(failure instanceof RetriableException)) {
            closeProducer(Duration.ZERO); // a fatal producer error; start over with a fresh producer
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!unreachable) {
            unreachable = true;
            LOG.warn("cannot deliver events to Kafka at {} ({}); {} events wait in the outbox at {}; retrying "
                            + "every {} ms at most until it answers", settings.bootstrapServers(), reason,
                    outbox.pendingCount(), outbox.directory(), settings.maxBackoff().toMillis());
        } else {
            LOG.debug("Kafka at {} still unreachable: {}", settings.bootstrapServers(), reason);
        }
    }

    /** Waits up to {@code d}, woken early by close, or by new work when {@code onWork}. */
    private void await(Duration d, boolean onWork) {
        long left = d.toNanos();
        lock.lock();
        try {
            while (left > 0 && !stopNow && !(onWork && (work || stopping))) {
                left = wake.awaitNanos(left);
            }
            work = false;
        } catch (InterruptedException e) {
            stopNow = true;
        } finally {
            lock.unlock();
        }
    }

    private void signal(Condition c, boolean newWork) {
        lock.lock();
        try {
            work |= newWork;
            c.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private synchronized void closeProducer(Duration timeout) {
        Producer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer: {}", e.toString());
            }
        }
    }

    /**
     * Stops the publisher: keeps draining for up to {@code closeTimeout}, then stops at once.
     * Whatever is not acknowledged by then stays in the outbox for the next start.
     */
    @Override
    public void close() throws InterruptedException {
        if (stopping) {
            return;
        }
        stopping = true;
        signal(wake, true);
        if (!settings.closeTimeout().isZero()) {
            thread.join(settings.closeTimeout().toMillis());
        }
        if (thread.isAlive()) {
            stopNow = true;
            signal(wake, true);
            closeProducer(Duration.ZERO); // fails an in-flight flush so the thread sees stopNow
            // no interrupt: it would land in the outbox's file I/O; a blocked send ends within max.block.ms
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (outbox.pendingCount() > 0) {
            LOG.info("publisher closed with {} events in the outbox at {}; they are sent on the next start",
                    outbox.pendingCount(), outbox.directory());
        }
    }
}
