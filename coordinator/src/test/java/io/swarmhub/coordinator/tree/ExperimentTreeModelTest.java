package io.swarmhub.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the tree against a plain reference model on random trees inserted in random order with repeats. */
class ExperimentTreeModelTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void insert_shuffledWithRepeats_matchesReferenceModel(long seed) {
        Random random = new Random(seed);
        List<Experiment> all = new ArrayList<>();
        all.add(Experiments.keep("x0", "", 100));
        for (int i = 1; i < 300; i++) {
            Experiment parent = all.get(random.nextInt(all.size()));
            Status status = random.nextInt(3) == 0 ? Status.KEEP : Status.DISCARD;
            all.add(Experiments.of("x" + i, parent.id(), status, random.nextDouble() * 100 + i * 1e-9));
        }
        Map<String, Experiment> byId = all.stream().collect(Collectors.toMap(Experiment::id, e -> e));
        List<Experiment> order = new ArrayList<>(all);
        order.addAll(all.subList(0, 50)); // redeliveries
        Collections.shuffle(order, random);

        ExperimentTree tree = new ExperimentTree(Experiments.CAMPAIGN);
        order.forEach(tree::insert);

        assertEquals(all.size(), tree.size());
        assertEquals(0, tree.orphanCount());
        List<Experiment> arrival = tree.page(0, 10_000).items();
        assertEquals(all.size(), new HashSet<>(arrival).size());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < arrival.size(); i++) {
            position.put(arrival.get(i).id(), i);
        }
        Map<String, List<String>> children = new HashMap<>();
        for (Experiment e : all) {
            if (!e.isRoot()) {
                assertTrue(position.get(e.parentId()) < position.get(e.id()), "parent before child");
                children.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e.id());
            }
            List<String> path = new ArrayList<>();
            for (Experiment x = e; x != null; x = x.isRoot() ? null : byId.get(x.parentId())) {
                path.add(0, x.id());
            }
            assertEquals(path, tree.lineage(e.id()).orElseThrow().stream().map(Experiment::id).toList());
        }
        Set<String> leaves = all.stream().map(Experiment::id).filter(id -> !children.containsKey(id))
                .collect(Collectors.toSet());
        assertEquals(leaves, ids(tree.leaves(10_000)));
        Set<String> frontier = all.stream().filter(e -> e.status() == Status.KEEP)
                .filter(e -> children.getOrDefault(e.id(), List.of()).stream()
                        .noneMatch(c -> byId.get(c).status() == Status.KEEP))
                .map(Experiment::id).collect(Collectors.toSet());
        assertEquals(frontier, ids(tree.keepLeaves(10_000)));
        Comparator<Experiment> byMetric = Comparator.comparingDouble(Experiment::metric);
        List<Experiment> keeps = all.stream().filter(Experiment::ranks).toList();
        assertEquals(keeps.stream().min(byMetric).orElseThrow(), tree.best(Direction.MINIMIZE).orElseThrow());
        assertEquals(keeps.stream().max(byMetric).orElseThrow(), tree.best(Direction.MAXIMIZE).orElseThrow());
    }

    private static Set<String> ids(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::id).collect(Collectors.toSet());
    }
}
