package io.swarmhub.coordinator.tree;

import static io.swarmhub.coordinator.tree.Experiments.discard;
import static io.swarmhub.coordinator.tree.Experiments.keep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentTreeTest {
    private final ExperimentTree tree = new ExperimentTree(Experiments.CAMPAIGN);

    private static List<String> ids(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::id).toList();
    }

    @Test
    void insert_sameIdTwice_secondIsIgnored() {
        assertEquals(List.of(keep("a", "", 1.0)), tree.insert(keep("a", "", 1.0)));
        assertEquals(List.of(), tree.insert(keep("a", "", 0.5)));
        assertEquals(1, tree.size());
        assertEquals(1.0, tree.get("a").orElseThrow().metric());
    }

    @Test
    void insert_otherCampaign_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> tree.insert(Experiments.of("other", "x", "", Status.KEEP, 1, "")));
    }

    @Test
    void lineage_deepNode_runsFromBaselineToNode() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(keep("a", "base", 2.0));
        tree.insert(discard("b", "a", 2.5));
        tree.insert(keep("c", "a", 1.0));
        assertEquals(List.of("base", "a", "c"), ids(tree.lineage("c").orElseThrow()));
        assertEquals(List.of("base"), ids(tree.lineage("base").orElseThrow()));
        assertEquals(Optional.empty(), tree.lineage("nope"));
    }

    @Test
    void best_minimize_isLowestKeepAndIgnoresDiscards() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(discard("d", "base", 0.1));
        tree.insert(keep("a", "base", 2.0));
        tree.insert(Experiments.of("crash", "a", Status.CRASH, Double.NaN));
        assertEquals("a", tree.best(Direction.MINIMIZE).orElseThrow().id());
    }

    @Test
    void best_maximize_isHighestKeep() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(keep("a", "base", 2.0));
        tree.insert(discard("d", "base", 9.0));
        assertEquals("base", tree.best(Direction.MAXIMIZE).orElseThrow().id());
    }

    @Test
    void best_tie_earliestWins() {
        tree.insert(keep("base", "", 1.0));
        tree.insert(keep("twin", "base", 1.0));
        assertEquals("base", tree.best(Direction.MINIMIZE).orElseThrow().id());
    }

    @Test
    void best_onlyNanOrNonKeep_isEmpty() {
        tree.insert(Experiments.of("base", "", Status.KEEP, Double.NaN));
        tree.insert(discard("d", "base", 1.0));
        assertEquals(Optional.empty(), tree.best(Direction.MINIMIZE));
    }

    @Test
    void leaves_afterChildren_areOnlyChildlessExperiments() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(keep("a", "base", 2.0));
        tree.insert(discard("b", "a", 2.5));
        tree.insert(discard("c", "base", 4.0));
        assertEquals(List.of("b", "c"), ids(tree.leaves(10)));
        assertEquals(List.of("b"), ids(tree.leaves(1)));
        // "a" has only a discarded child, so it is still on the KEEP frontier.
        assertEquals(List.of("a"), ids(tree.keepLeaves(10)));
    }

    @Test
    void children_inArrivalOrder_andUnknownIsEmpty() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(discard("x", "base", 4.0));
        tree.insert(keep("y", "base", 2.0));
        assertEquals(List.of("x", "y"), ids(tree.children("base").orElseThrow()));
        assertEquals(List.of(), tree.children("x").orElseThrow());
        assertTrue(tree.children("nope").isEmpty());
    }

    @Test
    void page_cursorWalk_returnsEachExperimentOnceInArrivalOrder() {
        tree.insert(keep("e0", "", 10));
        for (int i = 1; i < 25; i++) {
            tree.insert(keep("e" + i, "e" + (i - 1), 10 - i * 0.1));
        }
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        Page page;
        do {
            page = tree.page(cursor, 7);
            seen.addAll(ids(page.items()));
            cursor = page.nextCursor();
        } while (!page.items().isEmpty());
        assertEquals(25, seen.size());
        assertEquals(25, new HashSet<>(seen).size());
        assertEquals("e0", seen.get(0));
        assertTrue(page.atEnd());
        assertEquals(List.of(), tree.page(1000, 10).items());
    }

    @Test
    void duplicateOf_samePatchFromSameParent_isTheFirstExperiment() {
        tree.insert(Experiments.of(Experiments.CAMPAIGN, "base", "", Status.KEEP, 3, ""));
        tree.insert(Experiments.of(Experiments.CAMPAIGN, "a", "base", Status.DISCARD, 4, "sha1"));
        tree.insert(Experiments.of(Experiments.CAMPAIGN, "b", "base", Status.DISCARD, 4, "sha1"));
        tree.insert(Experiments.of(Experiments.CAMPAIGN, "c", "a", Status.DISCARD, 4, "sha1"));
        assertEquals(Optional.of("a"), tree.duplicateOf("base", "sha1"));
        assertEquals(Optional.of("c"), tree.duplicateOf("a", "sha1"));
        assertEquals(Optional.empty(), tree.duplicateOf("base", "sha2"));
    }

    @Test
    void insert_orphans_areAttachedWhenTheirParentArrives() {
        assertEquals(List.of(), tree.insert(keep("grandchild", "child", 1.0)));
        assertEquals(List.of(), tree.insert(keep("child", "base", 2.0)));
        assertEquals(List.of(), tree.insert(keep("child", "base", 2.0)), "an orphan's copy is ignored too");
        assertEquals(2, tree.orphanCount());
        assertEquals(0, tree.size());

        List<Experiment> attached = tree.insert(keep("base", "", 3.0));

        assertEquals(List.of("base", "child", "grandchild"), ids(attached));
        assertEquals(0, tree.orphanCount());
        assertEquals(List.of("base", "child", "grandchild"), ids(tree.lineage("grandchild").orElseThrow()));
        assertEquals(List.of("base", "child", "grandchild"), ids(tree.page(0, 10).items()));
        assertEquals("grandchild", tree.best(Direction.MINIMIZE).orElseThrow().id());
    }

    @Test
    void countsByStatus_countsEveryAttachedExperiment() {
        tree.insert(keep("base", "", 3.0));
        tree.insert(discard("a", "base", 4.0));
        tree.insert(discard("b", "base", 4.0));
        tree.insert(Experiments.of("c", "base", Status.TIMEOUT, Double.NaN));
        tree.insert(keep("orphan", "missing", 1.0));
        var counts = tree.countsByStatus();
        assertEquals(1L, counts.get(Status.KEEP));
        assertEquals(2L, counts.get(Status.DISCARD));
        assertEquals(1L, counts.get(Status.TIMEOUT));
        assertEquals(0L, counts.get(Status.LOST));
        assertEquals(Set.of(Status.values()), counts.keySet());
    }
}
