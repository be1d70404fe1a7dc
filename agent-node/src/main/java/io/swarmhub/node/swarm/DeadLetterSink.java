package io.swarmhub.node.swarm;

import io.swarmhub.protocol.kafka.DeadLetter;
import io.swarmhub.protocol.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards records a consumer could not decode to {@link Topics#DEAD_LETTER}, key and value
 * unchanged, with {@link DeadLetter} headers saying where they came from and why. Best effort:
 * a failure to forward is logged and dropped, never retried, so it cannot stall the consumer.
 */
final class DeadLetterSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
    private final Map<String, Object> config;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;

    DeadLetterSink(Map<String, Object> config, Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this.config = config;
        this.producers = producers;
    }

    /** Sends {@code record} to the dead-letter topic with the reason it was skipped. */
    void forward(ConsumerRecord<byte[], byte[]> record, String error) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value());
        out.headers().add(DeadLetter.SOURCE_TOPIC, utf8(record.topic()));
        out.headers().add(DeadLetter.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        out.headers().add(DeadLetter.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        out.headers().add(DeadLetter.ERROR, utf8(error));
        try {
            if (producer == null) {
                producer = producers.apply(config);
            }
            producer.send(out, (metadata, e) -> {
                if (e != null) {
                    LOG.warn("could not forward {}-{}@{} to {}: {}", record.topic(), record.partition(),
                            record.offset(), Topics.DEAD_LETTER, e.getMessage());
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("could not forward {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.DEAD_LETTER, e.getMessage());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (KafkaException e) {
                LOG.debug("closing the dead-letter producer: {}", e.toString());
            }
            producer = null;
        }
    }
}
