package io.swarmhub.coordinator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swarmhub.protocol.kafka.ConsumerLag;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A Kafka consumer's lag per topic, from the consumer's own metrics: the sum over the topic's
 * partitions of {@code records-lag} (records between the consumer's position and the partition's
 * end, as of its last fetch). NaN while the consumer has not fetched from the topic yet.
 */
final class ConsumerLagMeters {
    static final String FETCH_GROUP = ConsumerLag.FETCH_GROUP;
    static final String RECORDS_LAG = ConsumerLag.RECORDS_LAG;

    private ConsumerLagMeters() {
    }

    /**
     * Registers {@code swarmhub_kafka_consumer_lag{consumer,topic}} for each topic.
     *
     * @param metrics the consumer's {@code metrics()} (thread-safe on KafkaConsumer)
     */
    static void register(MeterRegistry registry, String consumer, Collection<String> topics,
                         Supplier<Map<MetricName, ? extends Metric>> metrics) {
        for (String topic : topics) {
            Gauge.builder("swarmhub.kafka.consumer.lag", () -> lag(metrics.get(), topic))
                    .description("Records the consumer has yet to read, summed over the topic's partitions")
                    .tags("consumer", consumer, "topic", topic).register(registry);
        }
    }

    /** The summed lag of {@code topic}'s partitions; NaN when no partition reports one. */
    static double lag(Map<MetricName, ? extends Metric> metrics, String topic) {
        return ConsumerLag.of(metrics, topic);
    }
}
