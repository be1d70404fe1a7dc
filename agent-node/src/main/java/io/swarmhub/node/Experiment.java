package io.swarmhub.node;

import io.swarmhub.protocol.Status;
import java.util.Map;

/**
 * One attempt, as recorded: where it came from (parent, proposer, patch), what happened (status,
 * metrics, message, log tail) and where it ran. The patch is kept for every status, so a discarded
 * idea is never lost. {@code parentId} is empty for a campaign's baseline. A kept experiment also
 * carries its {@code lineagePatch}: the whole change from the campaign base, so its state can be
 * rebuilt from the record alone.
 */
public record Experiment(
        String id,
        String parentId,
        String campaign,
        String node,
        String proposer,
        String description,
        String patch,
        Status status,
        Map<String, Double> metrics,
        double metric,
        double memoryGb,
        double seconds,
        long startedAtMs,
        String commit,
        String message,
        String logTail,
        String lineagePatch) {

    public Experiment {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs an id");
        }
        parentId = parentId == null ? "" : parentId;
        campaign = campaign == null ? "" : campaign;
        node = node == null ? "" : node;
        proposer = proposer == null ? "" : proposer;
        description = description == null ? "" : description.replace('\n', ' ').replace('\t', ' ');
        patch = patch == null ? "" : patch;
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        commit = commit == null ? "" : commit;
        message = message == null ? "" : message;
        logTail = logTail == null ? "" : logTail;
        lineagePatch = lineagePatch == null ? "" : lineagePatch;
    }

    /** Whether this is a campaign's baseline (the unchanged base code). */
    public boolean isBaseline() {
        return parentId.isEmpty();
    }

    /** The same experiment with another status, commit and message. */
    public Experiment with(Status newStatus, String newCommit, String newMessage) {
        return new Experiment(id, parentId, campaign, node, proposer, description, patch, newStatus, metrics,
                metric, memoryGb, seconds, startedAtMs, newCommit, newMessage, logTail, lineagePatch);
    }
}
