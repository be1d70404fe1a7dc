package io.swarmhub.coordinator.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The coordinator's tree policy for {@code SuggestParent}: mostly the campaign's best KEEP,
 * sometimes (with probability {@code exploreProbability}) one of the {@code exploreTopK} best
 * other KEEP leaves, so part of the swarm explores lineages that are good but not leading.
 * Randomness comes from a seeded {@link Random}, so a seed replays the same suggestions.
 */
public final class ParentPolicy {
    /** At most this many KEEP leaves are considered for exploration. */
    static final int FRONTIER_SCAN_LIMIT = 100_000;

    private final Random random;
    private final double exploreProbability;
    private final int exploreTopK;

    public ParentPolicy(Random random, double exploreProbability, int exploreTopK) {
        if (exploreProbability < 0 || exploreProbability > 1) {
            throw new IllegalArgumentException("exploreProbability must be in [0, 1]");
        }
        if (exploreTopK < 1) {
            throw new IllegalArgumentException("exploreTopK must be >= 1");
        }
        this.random = random;
        this.exploreProbability = exploreProbability;
        this.exploreTopK = exploreTopK;
    }

    /** The default policy: explore one time in five among the five best other leaves. */
    public static ParentPolicy withSeed(long seed) {
        return new ParentPolicy(new Random(seed), 0.2, 5);
    }

    /** Suggests a parent for the next experiment of {@code nodeId} in this tree. */
    public Suggestion suggest(ExperimentTree tree, Direction direction, String nodeId) {
        var best = tree.best(direction);
        if (best.isEmpty()) {
            return Suggestion.baseline();
        }
        boolean explore;
        synchronized (random) {
            explore = random.nextDouble() < exploreProbability;
        }
        if (explore) {
            List<Experiment> candidates = topOtherLeaves(tree, direction, best.get().id());
            if (!candidates.isEmpty()) {
                int pick;
                synchronized (random) {
                    pick = random.nextInt(candidates.size());
                }
                return new Suggestion(Optional.of(candidates.get(pick)), Suggestion.Reason.EXPLORE);
            }
        }
        return new Suggestion(best, Suggestion.Reason.BEST);
    }

    private List<Experiment> topOtherLeaves(ExperimentTree tree, Direction direction, String bestId) {
        Comparator<Experiment> better = Comparator.comparingDouble(Experiment::metric);
        if (direction == Direction.MAXIMIZE) {
            better = better.reversed();
        }
        List<Experiment> ranked = new ArrayList<>();
        for (Experiment e : tree.keepLeaves(FRONTIER_SCAN_LIMIT)) {
            if (e.ranks() && !e.id().equals(bestId)) {
                ranked.add(e);
            }
        }
        ranked.sort(better);
        return ranked.subList(0, Math.min(exploreTopK, ranked.size()));
    }
}
