package io.swarmhub.node.swarm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An in-memory producer with fault hooks: the next {@link #failNext} sends fail as if the broker
 * were unreachable, and values over {@code maxValueBytes} are rejected as too large, both as
 * failed futures, the way {@code KafkaProducer} reports them.
 */
final class FlakyProducer extends MockProducer<String, byte[]> {
    private final int maxValueBytes;
    private int failures;
    private int attempts;

    FlakyProducer(int maxValueBytes) {
        super(true, null, new StringSerializer(), new ByteArraySerializer());
        this.maxValueBytes = maxValueBytes;
    }

    synchronized void failNext(int n) {
        failures = n;
    }

    synchronized int attempts() {
        return attempts;
    }

    /** The publisher closes its producer after a fatal error and asks for a new one; this fake stays usable. */
    @Override
    public void close(java.time.Duration timeout) {
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        attempts++;
        if (failures > 0) {
            failures--;
            return CompletableFuture.failedFuture(new TimeoutException("Topic " + record.topic() + " not present in metadata"));
        }
        if (record.value().length > maxValueBytes) {
            return CompletableFuture.failedFuture(new RecordTooLargeException("value of " + record.value().length + " bytes"));
        }
        return super.send(record, callback);
    }
}
