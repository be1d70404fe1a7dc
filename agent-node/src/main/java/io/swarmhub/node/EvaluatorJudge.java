package io.swarmhub.node;

import io.swarmhub.evaluator.Evaluation;
import io.swarmhub.evaluator.Evaluator;
import java.nio.file.Path;

/** The judge backed by the evaluator module: runs in the workspace, logs to {@code logs/<id>.log}. */
public final class EvaluatorJudge implements Judge {
    private final Evaluator evaluator;
    private final Path workspace;
    private final Path logs;

    public EvaluatorJudge(Evaluator evaluator, Path workspace, Path logs) {
        this.evaluator = evaluator;
        this.workspace = workspace;
        this.logs = logs;
    }

    @Override
    public Evaluation evaluate(String experimentId) {
        return evaluator.evaluate(experimentId, workspace, logs.resolve(experimentId + ".log"));
    }

    @Override
    public void abort() {
        evaluator.abort();
    }
}
