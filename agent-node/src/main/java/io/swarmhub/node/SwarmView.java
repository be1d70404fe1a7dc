package io.swarmhub.node;

import java.util.function.BiPredicate;

/**
 * What a loop knows of the rest of the swarm: where to move next ({@link ParentPolicy}) and
 * whether a proposal was already tried from the same parent on another node.
 */
public record SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere, RatchetListener.Adoptions adoptions) {
    /** A node alone: its own best, nothing tried elsewhere. */
    public static final SwarmView SOLO = new SwarmView(ParentPolicy.ownBest(), (parent, sha) -> false, f -> { });
}
