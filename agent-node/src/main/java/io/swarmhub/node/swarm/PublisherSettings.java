package io.swarmhub.node.swarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How a {@link KafkaPublisher} talks to Kafka. {@code maxBlock} bounds how long one send waits
 * for the broker's metadata (an unreachable broker), {@code deliveryTimeout} how long a sent
 * event may wait for its acknowledgement; between failed attempts the publisher backs off from
 * {@code minBackoff} doubling up to {@code maxBackoff}. {@code closeTimeout} is how long
 * {@link KafkaPublisher#close()} keeps draining (zero: stop at once, the outbox keeps the rest).
 * {@code producerOverrides} are extra producer configs (security settings and the like).
 */
public record PublisherSettings(String bootstrapServers, Duration maxBlock, Duration deliveryTimeout,
                                Duration minBackoff, Duration maxBackoff, Duration closeTimeout, int batchSize,
                                Map<String, Object> producerOverrides) {
    /** Largest event the publisher sends; matches the topics' limit for campaign bundles. */
    static final int MAX_REQUEST_BYTES = io.swarmhub.protocol.kafka.Topics.MAX_MESSAGE_BYTES;

    public PublisherSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one HOST:PORT");
        }
        positive("maxBlock", maxBlock);
        positive("deliveryTimeout", deliveryTimeout);
        positive("minBackoff", minBackoff);
        positive("maxBackoff", maxBackoff);
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative");
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " < minBackoff " + minBackoff);
        }
        if (deliveryTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 100 ms");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Defaults for a node: 5 s max block, 30 s delivery timeout, 0.1-5 s backoff, 10 s close, batches of 500. */
    public static PublisherSettings of(String bootstrapServers) {
        return new PublisherSettings(bootstrapServers, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10), 500, Map.of());
    }

    public PublisherSettings withTimeouts(Duration maxBlock, Duration deliveryTimeout) {
        return new PublisherSettings(bootstrapServers, maxBlock, deliveryTimeout, minBackoff, maxBackoff, closeTimeout,
                batchSize, producerOverrides);
    }

    public PublisherSettings withBackoff(Duration min, Duration max) {
        return new PublisherSettings(bootstrapServers, maxBlock, deliveryTimeout, min, max, closeTimeout, batchSize,
                producerOverrides);
    }

    public PublisherSettings withCloseTimeout(Duration closeTimeout) {
        return new PublisherSettings(bootstrapServers, maxBlock, deliveryTimeout, minBackoff, maxBackoff, closeTimeout,
                batchSize, producerOverrides);
    }

    public PublisherSettings withProducerOverrides(Map<String, Object> overrides) {
        return new PublisherSettings(bootstrapServers, maxBlock, deliveryTimeout, minBackoff, maxBackoff, closeTimeout,
                batchSize, overrides);
    }

    /** The producer configuration: idempotent, acks=all, bounded blocking and delivery. */
    Map<String, Object> producerConfig() {
        long delivery = deliveryTimeout.toMillis();
        long linger = 5;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, Math.max(50, delivery / 2 - linger)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) Math.max(50, maxBackoff.toMillis()));
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        // No compression: events are a few KB at most and rare; lz4 cost ~0.4 s on the first batch and
        // tens of ms per batch on a busy 2-core box, all of it on the gossip path (docs/benchmarks.md).
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(producerOverrides);
        return config;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
