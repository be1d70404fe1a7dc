package io.swarmhub.node;

import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses, at each experiment boundary, whether the loop moves to another parent than its own
 * best: a peer's finding to adopt, or one the coordinator suggests. Empty means "stay".
 */
@FunctionalInterface
public interface ParentPolicy {
    /** The finding to move to, if any; {@code ownBest} is null before this loop has a kept state. */
    Optional<Finding> next(String campaign, Experiment ownBest);

    /** autoresearch's behaviour: always build on this node's own best. */
    static ParentPolicy ownBest() {
        return (campaign, best) -> Optional.empty();
    }

    /** Adopt the swarm's best finding when it beats this node's best by the keep threshold (the default). */
    static ParentPolicy adopt(FindingBoard board, KeepRule rule) {
        return (campaign, best) -> board.best(campaign)
                .filter(f -> best == null || (!f.id().equals(best.id()) && rule.keeps(f.metric(), best.metric())));
    }

    /**
     * Move to the parent the coordinator's tree policy suggests (exploration); its code state comes
     * from the findings heard of. Falls back to adoption when the suggestion is unknown here.
     */
    static ParentPolicy suggested(Function<String, Optional<String>> suggestParent, FindingBoard board, KeepRule rule) {
        ParentPolicy adopt = adopt(board, rule);
        return (campaign, best) -> {
            Optional<Finding> s = suggestParent.apply(campaign)
                    .filter(id -> best == null || !id.equals(best.id())).flatMap(board::get);
            return s.isPresent() ? s : adopt.next(campaign, best);
        };
    }

}
