package io.swarmhub.evaluator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The judge's working verdict while an evaluation runs: outcome so far, metrics read so far, and where in
 * the log this evaluation began. {@link #toEvaluation} applies the final goal-metric checks.
 */
record Verdict(long logStart, Outcome outcome, Map<String, Double> metrics, String message, long peakRssBytes) {
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    static Verdict failed(long logStart, Outcome outcome, String message, long peakRssBytes) {
        return new Verdict(logStart, outcome, Map.of(), message, peakRssBytes);
    }

    Evaluation toEvaluation(RunLog log, String goalMetric, double seconds) {
        Outcome out = outcome;
        String why = message;
        Double goal = metrics.get(goalMetric);
        if (out == Outcome.OK && goal == null) {
            out = Outcome.CRASH;
            why = "no `" + goalMetric + ":` line in output";
        } else if (out == Outcome.OK && !Double.isFinite(goal)) {
            out = Outcome.CRASH;
            why = "goal metric " + goalMetric + " is " + goal;
        }
        if (out != Outcome.OK) {
            log.append("[swarmhub] " + out + ": " + why + "\n");
        }
        Map<String, Double> finite = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        double goalValue = goal != null && Double.isFinite(goal) ? goal : Double.NaN;
        return new Evaluation(out, finite, goalValue, why, log.tail(logStart), seconds, peakMemoryGb(finite));
    }

    /** What the run reported about its memory, else what the evaluator sampled, else NaN. */
    private double peakMemoryGb(Map<String, Double> finite) {
        Double gb = finite.get("memory_gb");
        if (gb != null && gb >= 0) {
            return gb;
        }
        for (String mb : new String[] {"peak_memory_mb", "peak_vram_mb"}) {
            Double v = finite.get(mb);
            if (v != null && v >= 0) {
                return v / 1024;
            }
        }
        return peakRssBytes > 0 ? peakRssBytes / BYTES_PER_GB : Double.NaN;
    }
}
