package io.swarmhub.node.agent;

import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.util.function.Consumer;

/**
 * The node's connection to the swarm's log: a publisher for its own events and subscriptions to
 * everybody's. Kafka in production ({@code KafkaBus}); tests may wire nodes directly.
 */
public interface SwarmBus extends AutoCloseable {
    /** Where this node's experiments and findings go (never blocks on the network). */
    SwarmLog.Publisher publisher();

    /** Starts delivering every finding and experiment of the swarm (from the beginning of the log). */
    default void subscribe(Consumer<FindingEvent> findings, Consumer<ExperimentEvent> experiments) {
        subscribe(0, findings, experiments);
    }

    /**
     * Starts delivering the swarm's findings and experiments published from {@code fromMs} on (as the
     * log stamps them; 0: from the beginning).
     */
    void subscribe(long fromMs, Consumer<FindingEvent> findings, Consumer<ExperimentEvent> experiments);

    /** Events published but not yet acknowledged by the log. */
    long pending();

    @Override
    void close();
}
