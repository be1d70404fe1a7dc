package io.swarmhub.node;

import io.swarmhub.evaluator.Evaluation;

/** Runs and scores one experiment in the workspace's current state; the loop cannot influence it. */
public interface Judge {
    /** Runs the experiment under its budget; never throws for a failing experiment. */
    Evaluation evaluate(String experimentId);

    /** Kills the running experiment (Ctrl-C); {@link #evaluate} then returns ABORTED. */
    void abort();
}
