package io.swarmhub.node;

import java.util.List;
import java.util.Optional;

/**
 * Where a node records its experiments (the ledger; later also the swarm's log). Appends are
 * durable before the call returns; an experiment begun but never appended is reported by
 * {@link #interrupted()} so a restarted loop can record it as LOST.
 */
public interface ExperimentLog {
    /** Everything recorded so far, oldest first. */
    List<Experiment> history();

    /** Notes that an experiment is about to run. */
    void begin(Experiment pending);

    /** Records a finished experiment and clears the pending note. */
    void append(Experiment done);

    /** The experiment that was begun but never appended (the process died mid-experiment), if any. */
    Optional<Experiment> interrupted();
}
