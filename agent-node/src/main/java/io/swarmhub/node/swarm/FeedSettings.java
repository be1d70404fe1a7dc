package io.swarmhub.node.swarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a {@link SwarmFeed} reads the swarm's topics. {@code pollTimeout} bounds one poll (and so
 * how fast {@code close} returns); {@code retryBackoff} is the wait between attempts to find the
 * topics' partitions while the broker or the topics are missing; {@code partitionRefresh} is how
 * often it looks for partitions added later; {@code deadLetter} forwards undecodable records to
 * {@code swarmhub.deadletter}. {@code consumerOverrides} apply to both the consumer and the
 * dead-letter producer (security settings and the like). {@code fetchMinBytes} and {@code fetchMaxWait}
 * are the broker-side batching of a fetch: it answers once that many bytes are there or the wait is
 * over, whichever is first. {@code fromMs}: where reading starts, see {@link #from(long)}.
 */
public record FeedSettings(String bootstrapServers, Duration pollTimeout, Duration retryBackoff,
                           Duration partitionRefresh, boolean deadLetter, Map<String, Object> consumerOverrides,
                           int fetchMinBytes, Duration fetchMaxWait, long fromMs) {
    public FeedSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one HOST:PORT");
        }
        positive("pollTimeout", pollTimeout);
        positive("retryBackoff", retryBackoff);
        positive("partitionRefresh", partitionRefresh);
        positive("fetchMaxWait", fetchMaxWait);
        if (fetchMinBytes < 1) {
            throw new IllegalArgumentException("fetchMinBytes must be >= 1, was " + fetchMinBytes);
        }
        consumerOverrides = Map.copyOf(consumerOverrides);
        if (fromMs < 0) {
            throw new IllegalArgumentException("fromMs must be 0 (the beginning) or a time in ms, was " + fromMs);
        }
    }

    /**
     * Defaults: 200 ms polls, 1 s retry backoff, look for new partitions every 30 s, dead-letter on,
     * and latency first: a fetch answers with the first new record, or after 250 ms with none. A
     * record that arrives meanwhile completes a parked fetch at once, so gossip latency barely
     * depends on the wait (25 ms: p99 78-105 ms; 250 ms: p99 68-119 ms, docs/benchmarks.md), while an
     * idle node sends 4 fetches a second instead of 40; with hundreds of nodes that is the broker's
     * idle load.
     */
    public static FeedSettings of(String bootstrapServers) {
        return new FeedSettings(bootstrapServers, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30),
                true, Map.of(), 1, Duration.ofMillis(250), 0);
    }

    public FeedSettings withRetryBackoff(Duration retryBackoff) {
        return new FeedSettings(bootstrapServers, pollTimeout, retryBackoff, partitionRefresh, deadLetter,
                consumerOverrides, fetchMinBytes, fetchMaxWait, fromMs);
    }

    public FeedSettings withDeadLetter(boolean deadLetter) {
        return new FeedSettings(bootstrapServers, pollTimeout, retryBackoff, partitionRefresh, deadLetter,
                consumerOverrides, fetchMinBytes, fetchMaxWait, fromMs);
    }

    /**
     * Throughput first, for a stream nobody waits on record by record (every node's experiments):
     * a fetch waits for 1 MiB or {@code maxWait}. With a record per fetch, 8 nodes reading a busy
     * swarm's experiments cost the broker and themselves ~400 fetches a second; batched, ~30.
     */
    public FeedSettings batched(Duration maxWait) {
        return new FeedSettings(bootstrapServers, pollTimeout, retryBackoff, partitionRefresh, deadLetter,
                consumerOverrides, 1 << 20, maxWait, fromMs);
    }

    /**
     * Reads from the first record stamped at or after {@code fromMs} in each partition (0: from the
     * beginning). A node joining a swarm starts at its active campaigns' launch, less a margin for
     * clocks: the topics hold every campaign the swarm ever ran, and reading all of them made every
     * join cost more as the swarm aged (docs/swarm.md).
     */
    public FeedSettings from(long fromMs) {
        return new FeedSettings(bootstrapServers, pollTimeout, retryBackoff, partitionRefresh, deadLetter,
                consumerOverrides, fetchMinBytes, fetchMaxWait, fromMs);
    }

    /** A group-less consumer: manual assignment, no commits, nothing auto-created. */
    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, io.swarmhub.protocol.kafka.Topics.MAX_MESSAGE_BYTES);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetchMinBytes);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) Math.max(50, retryBackoff.toMillis()));
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, retryBackoff.toMillis() * 5));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.putAll(consumerOverrides);
        return config;
    }

    /** The dead-letter producer: acks=all, bounded blocking so a dead broker cannot stall the feed long. */
    Map<String, Object> deadLetterConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.max(100, retryBackoff.toMillis()));
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, io.swarmhub.protocol.kafka.Topics.MAX_MESSAGE_BYTES);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.putAll(consumerOverrides);
        return config;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
