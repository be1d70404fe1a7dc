package io.swarmhub.coordinator.tree;

import static io.swarmhub.coordinator.tree.Experiments.keep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParentPolicyTest {
    private final ExperimentTree tree = new ExperimentTree(Experiments.CAMPAIGN);

    private void fillTree() {
        tree.insert(keep("base", "", 10));
        for (int i = 1; i <= 8; i++) {
            tree.insert(keep("leaf" + i, "base", 10 - i)); // leaf8 best (2), then leaf7 (3), ...
        }
        tree.insert(Experiments.discard("bad", "base", 1)); // a discard never counts
    }

    @Test
    void suggest_emptyTree_isBaseline() {
        Suggestion s = ParentPolicy.withSeed(1).suggest(tree, Direction.MINIMIZE, "n");
        assertEquals(Suggestion.Reason.BASELINE, s.reason());
        assertTrue(s.parent().isEmpty());
    }

    @Test
    void suggest_neverExplore_isAlwaysBest() {
        fillTree();
        ParentPolicy policy = new ParentPolicy(new Random(1), 0.0, 3);
        for (int i = 0; i < 20; i++) {
            Suggestion s = policy.suggest(tree, Direction.MINIMIZE, "n");
            assertEquals("leaf8", s.parent().orElseThrow().id());
            assertEquals(Suggestion.Reason.BEST, s.reason());
        }
        assertEquals("base", policy.suggest(tree, Direction.MAXIMIZE, "n").parent().orElseThrow().id());
    }

    @Test
    void suggest_alwaysExplore_picksAmongTopOtherKeepLeaves() {
        fillTree();
        ParentPolicy policy = new ParentPolicy(new Random(7), 1.0, 3);
        for (int i = 0; i < 50; i++) {
            Suggestion s = policy.suggest(tree, Direction.MINIMIZE, "n");
            assertEquals(Suggestion.Reason.EXPLORE, s.reason());
            assertTrue(Set.of("leaf7", "leaf6", "leaf5").contains(s.parent().orElseThrow().id()));
        }
    }

    @Test
    void suggest_sameSeed_sameSequence() {
        fillTree();
        assertEquals(sequence(new ParentPolicy(new Random(5), 0.5, 4)), sequence(new ParentPolicy(new Random(5), 0.5, 4)));
        assertNotEquals(sequence(new ParentPolicy(new Random(5), 0.5, 4)), sequence(new ParentPolicy(new Random(6), 0.5, 4)));
    }

    private List<String> sequence(ParentPolicy policy) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            out.add(policy.suggest(tree, Direction.MINIMIZE, "n").parent().orElseThrow().id());
        }
        return out;
    }
}
