package io.swarmhub.protocol.kafka;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of a swarm, with how each must be created. Values are protobuf events
 * (see {@link EventCodec}); keys are campaign ids, so one campaign's events stay in order.
 *
 * <p>This class has no Kafka dependency: create the topics from {@link #specs(int)} with an
 * {@code Admin} client (the coordinator's {@code TopicSetup} does exactly that).
 */
public final class Topics {
    /** Campaign definitions and state changes; compacted, so the latest event per campaign stays. */
    public static final String CAMPAIGNS = "swarmhub.campaigns";
    /** Every experiment outcome, retained forever: the log of record. */
    public static final String EXPERIMENTS = "swarmhub.experiments";
    /** Every KEEP, for gossip between nodes. */
    public static final String FINDINGS = "swarmhub.findings";
    /** Records a consumer could not decode, forwarded as-is with {@link DeadLetter} headers. */
    public static final String DEAD_LETTER = "swarmhub.deadletter";

    /** Campaign events carry the base repository as a git bundle, so they may be large. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private Topics() {
    }

    /** How one topic is created: name, partition count and topic-level configs. */
    public record Spec(String name, int partitions, Map<String, String> configs) {
        public Spec {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topic name must not be blank");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
            }
            configs = Map.copyOf(configs);
        }
    }

    /**
     * The four topics. {@code partitions} applies to experiments and findings (key = campaign id,
     * so more partitions spread campaigns); campaigns and dead letters use one partition.
     */
    public static List<Spec> specs(int partitions) {
        String maxBytes = Integer.toString(MAX_MESSAGE_BYTES);
        return List.of(
                new Spec(CAMPAIGNS, 1, Map.of("cleanup.policy", "compact", "max.message.bytes", maxBytes)),
                new Spec(EXPERIMENTS, partitions, Map.of("retention.ms", "-1", "retention.bytes", "-1")),
                new Spec(FINDINGS, partitions, Map.of()),
                new Spec(DEAD_LETTER, 1, Map.of("max.message.bytes", maxBytes)));
    }
}
