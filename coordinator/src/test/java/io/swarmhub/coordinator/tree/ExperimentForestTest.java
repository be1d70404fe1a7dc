package io.swarmhub.coordinator.tree;

import static io.swarmhub.coordinator.tree.Experiments.keep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.Status;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExperimentForestTest {
    private final ExperimentForest forest = new ExperimentForest(1000, Runnable::run);

    @Test
    void insert_newCampaign_createsItsTree() {
        forest.insert(keep("a", "", 1));
        forest.insert(Experiments.of("d", "b", "", Status.KEEP, 1, ""));
        assertEquals(1, forest.tree("c").orElseThrow().size());
        assertEquals(1, forest.tree("d").orElseThrow().size());
        assertTrue(forest.tree("e").isEmpty());
    }

    @Test
    void lineage_askedTwice_isServedFromCache() {
        forest.insert(keep("a", "", 3));
        forest.insert(keep("b", "a", 2));
        List<Experiment> first = forest.lineage("c", "b").orElseThrow();
        List<Experiment> second = forest.lineage("c", "b").orElseThrow();
        assertSame(first, second);
        assertEquals(1, forest.lineageCacheStats().hitCount());
        assertTrue(forest.lineage("c", "unknown").isEmpty());
        assertTrue(forest.lineage("unknown", "b").isEmpty());
    }

    @Test
    void watch_signalsOnAttachOnly_untilClosed() {
        AtomicInteger signals = new AtomicInteger();
        Subscription s = forest.watch("c", signals::incrementAndGet);
        forest.insert(keep("a", "", 3));
        forest.insert(keep("a", "", 3)); // duplicate: nothing attached
        forest.insert(keep("orphan", "missing", 3)); // waits: nothing attached
        assertEquals(1, signals.get());
        s.close();
        forest.insert(keep("b", "a", 2));
        assertEquals(1, signals.get());
    }
}
