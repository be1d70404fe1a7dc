package io.swarmhub.node;

/**
 * A kept experiment from anywhere in the swarm, as a node needs it to adopt it: its id, where it
 * ran, its goal metric and the whole change from the campaign base ({@code lineagePatch}).
 */
public record Finding(String id, String campaign, String node, double metric, String description, String lineagePatch,
                      long publishedAtMs) {
    public Finding {
        lineagePatch = lineagePatch == null ? "" : lineagePatch;
        description = description == null ? "" : description;
    }
}
