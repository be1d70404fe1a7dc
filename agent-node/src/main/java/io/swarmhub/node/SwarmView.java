package io.swarmhub.node;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What a loop knows of the rest of the swarm: where to move next ({@link ParentPolicy}), whether a
 * proposal was already tried from the same parent on another node, the recent findings of a
 * campaign (newest last), which proposers read (crossover, the LLM prompt), and {@code rebase}:
 * how to merge this loop's own improvement, superseded by an adopted finding, onto the adopted
 * state (null: no rebase).
 */
public record SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere,
                        RatchetListener.Adoptions adoptions, Function<String, List<Finding>> findings,
                        TextMerge rebase) {
    /** A node alone: its own best, nothing tried elsewhere, no findings. */
    public static final SwarmView SOLO = new SwarmView(ParentPolicy.ownBest(), (parent, sha) -> false, f -> { });

    public SwarmView {
        findings = findings == null ? campaign -> List.of() : findings;
    }

    /** A view without rebase. */
    public SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere,
                     RatchetListener.Adoptions adoptions, Function<String, List<Finding>> findings) {
        this(policy, triedElsewhere, adoptions, findings, null);
    }

    /** A view that shows proposers no peer findings, without rebase. */
    public SwarmView(ParentPolicy policy, BiPredicate<String, String> triedElsewhere, RatchetListener.Adoptions adoptions) {
        this(policy, triedElsewhere, adoptions, null, null);
    }
}
