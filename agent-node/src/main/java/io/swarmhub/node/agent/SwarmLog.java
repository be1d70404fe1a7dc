package io.swarmhub.node.agent;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.ExperimentLog;
import io.swarmhub.node.Ledger;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.Hardware;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A slot's record: the local ledger first (the node's own truth), then the swarm's log through
 * the durable outbox: every experiment to {@code swarmhub.experiments}, every keep also to
 * {@code swarmhub.findings}. Publishing never blocks the loop; an unreachable broker only delays it.
 */
public final class SwarmLog implements ExperimentLog {
    /** Where events go; the Kafka publisher's outbox in production. */
    public interface Publisher {
        void experiment(ExperimentEvent event);

        void finding(FindingEvent event);
    }

    private final Ledger ledger;
    private final Publisher publisher;
    private final String campaignId;
    private final int slot;
    private final Hardware hardware;
    private final Clock clock;

    public SwarmLog(Ledger ledger, Publisher publisher, String campaignId, int slot, Hardware hardware, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.campaignId = campaignId;
        this.slot = slot;
        this.hardware = hardware;
        this.clock = clock;
    }

    @Override
    public List<Experiment> history() {
        return ledger.history();
    }

    @Override
    public void begin(Experiment pending) {
        ledger.begin(pending);
    }

    @Override
    public void append(Experiment done) {
        // The outbox first: a kill between the two leaves the swarm with the truth, and the
        // restarted slot records the same id as LOST locally (the coordinator keeps the first copy).
        long now = clock.millis();
        ExperimentEvent event = EventMapping.toEvent(done, campaignId, slot, hardware, now);
        publisher.experiment(event);
        if (done.status() == Status.KEEP) {
            publisher.finding(EventMapping.toFinding(event, now));
        }
        ledger.append(done);
    }

    @Override
    public Optional<Experiment> interrupted() {
        return ledger.interrupted();
    }
}
