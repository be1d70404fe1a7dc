package io.swarmhub.coordinator.tree;

import io.swarmhub.protocol.Status;
import java.util.Map;
import java.util.Objects;

/**
 * One experiment as the tree keeps it: everything the log recorded about the attempt.
 * {@code parentId} is empty for a baseline (a child of the campaign root); {@code metric} is
 * the goal metric, NaN when absent; {@code lineagePatch} (KEEPs only) is the whole change from
 * the campaign base. Strings are never null.
 */
public record Experiment(
        String id,
        String campaignId,
        String parentId,
        String nodeId,
        int slot,
        Hardware hardware,
        String proposer,
        String description,
        String patch,
        String patchSha256,
        Status status,
        Map<String, Double> metrics,
        double metric,
        double seconds,
        long startedAtMs,
        long finishedAtMs,
        String commit,
        String logTail,
        String message,
        double memoryGb,
        String lineagePatch) {

    public Experiment {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("experiment id must not be blank");
        }
        if (campaignId == null || campaignId.isBlank()) {
            throw new IllegalArgumentException("experiment " + id + ": campaign id must not be blank");
        }
        Objects.requireNonNull(status, "status");
        parentId = orEmpty(parentId);
        nodeId = orEmpty(nodeId);
        hardware = hardware == null ? Hardware.UNKNOWN : hardware;
        proposer = orEmpty(proposer);
        description = orEmpty(description);
        patch = orEmpty(patch);
        patchSha256 = orEmpty(patchSha256);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        commit = orEmpty(commit);
        logTail = orEmpty(logTail);
        message = orEmpty(message);
        lineagePatch = orEmpty(lineagePatch);
    }

    /** Whether this is a baseline: no parent experiment, a child of the campaign root. */
    public boolean isRoot() {
        return parentId.isEmpty();
    }

    /** Whether this experiment can be the best of its campaign: a KEEP with a finite metric. */
    public boolean ranks() {
        return status == Status.KEEP && Double.isFinite(metric);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
