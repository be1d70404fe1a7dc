package io.swarmhub.node.agent;

import io.swarmhub.node.Finding;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;

/**
 * Hears what a {@link NodeAgent} does with the swarm (metrics): the events its slots hand to the
 * outbox, the findings it hears, and the findings its slots adopt. Called on the agent's threads
 * (slot loops, the feed); implementations must be quick and must not throw.
 */
public interface NodeListener {
    /** A slot recorded an experiment and handed it to the outbox. */
    default void experimentPublished(ExperimentEvent experiment) {
    }

    /** A slot kept an experiment and handed its finding to the outbox. */
    default void findingPublished(FindingEvent finding) {
    }

    /** A finding arrived from the swarm's log ({@code receivedAtMs} on the agent's clock); redeliveries included. */
    default void findingHeard(FindingEvent finding, long receivedAtMs) {
    }

    /** A slot working on {@code campaignId} moved to a peer's finding. */
    default void adopted(String campaignId, Finding finding) {
    }

    /** A listener that does nothing. */
    NodeListener NONE = new NodeListener() {
    };
}
