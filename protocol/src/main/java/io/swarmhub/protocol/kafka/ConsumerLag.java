package io.swarmhub.protocol.kafka;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A Kafka consumer's lag on one topic, read from the consumer's own metrics: the sum over the
 * topic's partitions of {@code records-lag} (records between its position and the partition's
 * end, as of its last fetch). Used by the coordinator's and the nodes' {@code /metrics}.
 */
public final class ConsumerLag {
    public static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    public static final String RECORDS_LAG = "records-lag";

    private ConsumerLag() {
    }

    /** The summed lag of {@code topic}'s partitions; NaN while no partition reports one (no fetch yet). */
    public static double of(Map<MetricName, ? extends Metric> metrics, String topic) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
            MetricName name = m.getKey();
            if (name.name().equals(RECORDS_LAG) && name.group().equals(FETCH_GROUP)
                    && topic.equals(name.tags().get("topic")) && name.tags().containsKey("partition")
                    && m.getValue().metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                sum += n.doubleValue();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }
}
