package io.swarmhub.evaluator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The judge's verdict on one experiment.
 *
 * @param outcome      how it ended
 * @param metrics      every finite metric reported, in report order (later reports override earlier)
 * @param goal         the campaign's goal metric, NaN if absent
 * @param message      why it did not end OK; empty when OK
 * @param logTail      the last lines of this evaluation's log (at most ~40 lines / 4 KB)
 * @param seconds      wall time of the whole evaluation
 * @param peakMemoryGb peak memory of the run, as reported by the run or sampled; NaN if unknown
 */
public record Evaluation(Outcome outcome, Map<String, Double> metrics, double goal, String message,
                         String logTail, double seconds, double peakMemoryGb) {

    public Evaluation {
        Objects.requireNonNull(outcome, "outcome");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        message = Objects.requireNonNull(message, "message");
        logTail = Objects.requireNonNull(logTail, "logTail");
    }

    /** Whether the evaluation ended {@link Outcome#OK}. */
    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
