package io.swarmhub.coordinator.kafka;

import io.swarmhub.protocol.kafka.DeadLetter;
import io.swarmhub.protocol.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards records a consumer cannot use to {@link Topics#DEAD_LETTER}, key and value as-is,
 * with {@link DeadLetter} headers. Records already forwarded (by an earlier run replaying the
 * same log) are not forwarded again, so a restart does not double the dead-letter topic.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final Set<String> forwarded = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    public DeadLetters(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Reads the dead-letter topic to its end with {@code consumer} to learn what was forwarded. */
    public void preload(Consumer<byte[], byte[]> consumer, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reading " + Topics.DEAD_LETTER + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                String topic = header(r.headers(), DeadLetter.SOURCE_TOPIC);
                String partition = header(r.headers(), DeadLetter.SOURCE_PARTITION);
                String offset = header(r.headers(), DeadLetter.SOURCE_OFFSET);
                if (topic != null && partition != null && offset != null) {
                    forwarded.add(topic + "/" + partition + "/" + offset);
                }
            }
        }
    }

    /** Forwards the record with the reason it was skipped (asynchronously; failures are logged). */
    public void forward(ConsumerRecord<byte[], byte[]> r, Exception error) {
        String source = r.topic() + "/" + r.partition() + "/" + r.offset();
        if (!forwarded.add(source)) {
            return;
        }
        count.incrementAndGet();
        LOG.warn("skipping record {} to {}: {}", source, Topics.DEAD_LETTER, error.getMessage());
        Headers headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h);
        }
        headers.add(DeadLetter.SOURCE_TOPIC, utf8(r.topic()));
        headers.add(DeadLetter.SOURCE_PARTITION, utf8(Integer.toString(r.partition())));
        headers.add(DeadLetter.SOURCE_OFFSET, utf8(Long.toString(r.offset())));
        headers.add(DeadLetter.ERROR, utf8(String.valueOf(error.getMessage())));
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, null, r.key(), r.value(), headers), (md, e) -> {
            if (e != null) {
                LOG.error("cannot forward {} to {}: {}", source, Topics.DEAD_LETTER, e.toString());
            }
        });
    }

    /** How many records this run forwarded. */
    public long count() {
        return count.get();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
