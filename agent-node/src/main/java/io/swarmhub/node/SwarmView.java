package io.swarmhub.node;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What a loop knows of the rest of the swarm: where to move next ({@link ParentPolicy}), whether a
 * proposal was already tried from the same parent on another node, and the recent findings of a
 * campaign (newest last), which proposers read (crossover, the LLM prompt).
 */
public record SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere,
                        RatchetListener.Adoptions adoptions, Function<String, List<Finding>> findings) {
    /** A node alone: its own best, nothing tried elsewhere, no findings. */
    public static final SwarmView SOLO = new SwarmView(ParentPolicy.ownBest(), (parent, sha) -> false, f -> { });

    public SwarmView {
        findings = findings == null ? campaign -> List.of() : findings;
    }

    /** A view that shows proposers no peer findings. */
    public SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere, RatchetListener.Adoptions adoptions) {
        this(policy, triedElsewhere, adoptions, null);
    }
}
