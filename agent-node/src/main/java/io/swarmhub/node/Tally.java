package io.swarmhub.node;

import io.swarmhub.protocol.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running counts of a loop: by status, by proposer, this run and in total, plus recent history. */
final class Tally {
    private static final int RECENT = 30;
    private final Map<Status, Long> runByStatus = new EnumMap<>(Status.class);
    private final Map<String, long[]> byProposer = new LinkedHashMap<>();
    private final Deque<Experiment> recent = new ArrayDeque<>();
    private long total;
    private long totalKept;
    private long runCount;
    private long runStartMs;
    private Status last;
    private double baseline = Double.NaN;

    void restore(Experiment e) {
        total++;
        count(e);
    }

    void startRun(long nowMs) {
        runStartMs = nowMs;
    }

    void add(Experiment e, long nowMs) {
        total++;
        runCount++;
        runByStatus.merge(e.status(), 1L, Long::sum);
        last = e.status();
        count(e);
    }

    private void count(Experiment e) {
        if (e.status() == Status.KEEP) {
            totalKept++;
        }
        if (e.isBaseline() && e.status() == Status.KEEP) {
            baseline = e.metric();
        }
        if (!e.isBaseline()) {
            long[] pk = byProposer.computeIfAbsent(e.proposer(), k -> new long[2]);
            pk[0]++;
            if (e.status() == Status.KEEP) {
                pk[1]++;
            }
        }
        recent.addLast(e);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    long runCount() {
        return runCount;
    }

    long total() {
        return total;
    }

    List<Experiment> recent() {
        return new ArrayList<>(recent);
    }

    Progress progress(Experiment best, long nowMs) {
        double minutes = Math.max(1e-9, (nowMs - runStartMs) / 60000.0);
        return new Progress(runCount, total, totalKept, best == null ? Double.NaN : best.metric(),
                best == null ? "" : best.id(), last, runCount / minutes);
    }

    RatchetSummary summary(long nowMs, Experiment best, String stopReason, boolean failed) {
        Map<String, RatchetSummary.ProposerStats> proposers = new LinkedHashMap<>();
        byProposer.forEach((k, v) -> proposers.put(k, new RatchetSummary.ProposerStats(v[0], v[1])));
        return new RatchetSummary(runCount, total, totalKept, new EnumMap<>(runByStatus), baseline, best,
                proposers, (nowMs - runStartMs) / 1000.0, stopReason, failed);
    }
}
