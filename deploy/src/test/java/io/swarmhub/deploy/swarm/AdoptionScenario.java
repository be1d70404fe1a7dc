package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.protocol.v1.ExperimentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Three nodes with the adopt policy on one campaign, checked end to end: every experiment a
 * node recorded is in the coordinator's tree exactly once, every parent exists, and a node that
 * adopted a peer's finding builds on it. Run against the embedded broker ({@link SwarmTest}) and
 * against a Testcontainers Kafka ({@link ContainerSwarmTest}).
 */
final class AdoptionScenario {
    static final int NODES = 3;
    static final int MIN_EXPERIMENTS = 120;

    private AdoptionScenario() {
    }

    /** Runs the scenario in {@code dir}; {@code kafka} null starts the embedded broker. */
    static void run(Path dir, String kafka) throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 30);
        Path swarmDir = dir.resolve("swarm");
        try (LocalSwarm swarm = new LocalSwarm(swarmDir, NODES, 1, "adopt", 7)) {
            swarm.start(kafka, 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file());
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(200),
                    () -> size(swarm, campaignId) >= MIN_EXPERIMENTS && crossNodeParents(swarm, campaignId) > 0,
                    () -> "tree has " + size(swarm, campaignId) + " experiment(s), " + crossNodeParents(swarm, campaignId)
                            + " with a parent from another node; " + swarm.statusLine(campaignId));
            stopNodesAndCatchUp(swarm);

            TreePages tree = new TreePages(swarm::stub, campaignId);
            List<ExperimentEvent> events = tree.all(true);
            Map<String, ExperimentEvent> byId = events.stream()
                    .collect(Collectors.toMap(ExperimentEvent::getId, Function.identity()));
            assertEquals(events.size(), byId.size(), "GetTree returned an experiment twice");
            assertTrue(events.size() >= MIN_EXPERIMENTS, "tree: " + events.size());
            for (ExperimentEvent e : events) {
                assertTrue(e.getParentId().isEmpty() || byId.containsKey(e.getParentId()),
                        "parent " + e.getParentId() + " of " + e.getId() + " is not in the tree");
            }

            Map<String, List<NodeLedger.Entry>> ledgers = new HashMap<>();
            List<NodeLedger.Entry> recorded = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                String node = "node-" + i;
                List<NodeLedger.Entry> ledger = NodeLedger.read(swarmDir.resolve("nodes").resolve(node), campaignId);
                assertFalse(ledger.isEmpty(), node + " recorded nothing");
                ledger.forEach(e -> assertEquals(node, e.node(), "ledger of " + node + " holds " + e));
                ledgers.put(node, ledger);
                recorded.addAll(ledger);
            }
            Set<String> recordedIds = recorded.stream().map(NodeLedger.Entry::id).collect(Collectors.toSet());
            assertEquals(recorded.size(), recordedIds.size(), "an id recorded twice across the ledgers");
            assertEquals(recordedIds, byId.keySet(), "ledger ids vs tree ids");
            for (NodeLedger.Entry e : recorded) {
                ExperimentEvent inTree = byId.get(e.id());
                assertEquals(e.parent(), inTree.getParentId(), "parent of " + e.id());
                assertEquals(e.status(), inTree.getStatus().name(), "status of " + e.id());
                assertEquals(e.node(), inTree.getNodeId(), "node of " + e.id());
            }

            int adoptions = 0;
            for (var ledger : ledgers.entrySet()) {
                adoptions += checkAdoptions(ledger.getKey(), ledger.getValue(), byId, tree);
            }
            assertTrue(adoptions > 0, "no node built on a finding of another node");
            System.out.printf("adoption scenario on %s: %d experiment(s), %d adoption(s)%n",
                    kafka == null ? "the embedded broker" : kafka, events.size(), adoptions);
        }
    }

    /**
     * Walks one node's ledger in order. An experiment whose parent the node did not make marks an
     * adoption; it and every later experiment up to the next adoption must descend from the adopted
     * finding (GetLineage passes through it). Returns the number of adoptions.
     */
    private static int checkAdoptions(String node, List<NodeLedger.Entry> ledger, Map<String, ExperimentEvent> byId,
                                      TreePages tree) {
        Set<String> own = new HashSet<>();
        ledger.forEach(e -> own.add(e.id()));
        String adopted = null;
        int adoptions = 0;
        for (NodeLedger.Entry e : ledger) {
            if (!e.parent().isEmpty() && !own.contains(e.parent())) {
                adopted = e.parent();
                adoptions++;
                String maker = byId.get(adopted).getNodeId();
                assertFalse(maker.equals(node), e.id() + " of " + node + " has a parent of its own node: " + adopted);
                assertEquals("KEEP", byId.get(adopted).getStatus().name(), "adopted " + adopted + " is not a finding");
            }
            if (adopted != null) {
                List<ExperimentEvent> lineage = tree.lineage(e.id());
                List<String> ids = lineage.stream().map(ExperimentEvent::getId).toList();
                assertEquals(e.id(), ids.get(ids.size() - 1), "lineage of " + e.id() + " ends elsewhere: " + ids);
                assertTrue(lineage.get(0).getParentId().isEmpty(), "lineage of " + e.id() + " starts at " + ids.get(0));
                for (int i = 1; i < lineage.size(); i++) {
                    assertEquals(ids.get(i - 1), lineage.get(i).getParentId(), "lineage of " + e.id() + " is not a path");
                }
                assertTrue(ids.contains(adopted), node + " adopted " + adopted + " but its later experiment " + e.id()
                        + " does not descend from it: " + ids);
            }
        }
        return adoptions;
    }

    /** Stops every node loop (running experiments recorded as LOST), waits for the outboxes and the coordinator. */
    static void stopNodesAndCatchUp(LocalSwarm swarm) throws InterruptedException {
        stopNodesAndCatchUp(swarm, swarm.coordinator());
    }

    /** As {@link #stopNodesAndCatchUp(LocalSwarm)}, waiting for {@code coordinator} (a restarted one). */
    static void stopNodesAndCatchUp(LocalSwarm swarm, Coordinator coordinator) throws InterruptedException {
        swarm.nodes().parallelStream().forEach(NodeAgent::close);
        for (KafkaBus bus : swarm.buses()) {
            assertTrue(bus.awaitDrained(Duration.ofSeconds(30)), "outbox not drained: " + bus.pending() + " pending");
        }
        assertTrue(coordinator.awaitCaughtUp(Duration.ofSeconds(30)), "coordinator did not catch up");
        coordinator.forest().campaignIds().forEach(id ->
                assertEquals(0, coordinator.forest().tree(id).orElseThrow().orphanCount(), "experiments without a parent"));
    }

    /** Experiments in the coordinator's tree (0 before the first). */
    static int size(LocalSwarm swarm, String campaignId) {
        return swarm.coordinator().forest().tree(campaignId).map(ExperimentTree::size).orElse(0);
    }

    /** Experiments whose parent was made by another node, as the coordinator's tree has them. */
    static long crossNodeParents(LocalSwarm swarm, String campaignId) {
        return swarm.coordinator().forest().tree(campaignId).map(t -> {
            List<Experiment> all = t.page(0, t.size()).items();
            Map<String, String> nodeOf = new HashMap<>();
            all.forEach(x -> nodeOf.put(x.id(), x.nodeId()));
            return all.stream().filter(x -> !x.parentId().isEmpty()
                    && !x.nodeId().equals(nodeOf.getOrDefault(x.parentId(), x.nodeId()))).count();
        }).orElse(0L);
    }
}
