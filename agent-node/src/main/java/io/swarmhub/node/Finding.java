package io.swarmhub.node;

/**
 * A kept experiment from anywhere in the swarm, as a node needs it to adopt it: its id, where it
 * ran, its goal metric and the whole change from the campaign base ({@code lineagePatch}); and,
 * to merge it as a change of its own (rebase), its parent and its change from that parent
 * ({@code patch}).
 */
public record Finding(String id, String campaign, String node, double metric, String description, String lineagePatch,
                      long publishedAtMs, String parentId, String patch) {
    public Finding {
        lineagePatch = lineagePatch == null ? "" : lineagePatch;
        description = description == null ? "" : description;
        parentId = parentId == null ? "" : parentId;
        patch = patch == null ? "" : patch;
    }

    /** A finding known only by its whole change (no parent, no change of its own). */
    public Finding(String id, String campaign, String node, double metric, String description, String lineagePatch,
                   long publishedAtMs) {
        this(id, campaign, node, metric, description, lineagePatch, publishedAtMs, "", "");
    }
}
