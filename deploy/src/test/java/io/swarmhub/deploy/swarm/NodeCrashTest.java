package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.deploy.SwarmCli;
import io.swarmhub.deploy.broker.EmbeddedBroker;
import io.swarmhub.node.swarm.Outbox;
import io.swarmhub.protocol.v1.ExperimentEvent;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm node} in a child JVM, killed with SIGKILL in the middle of an experiment and
 * started again on the same data directory: its outbox drains, nothing it recorded is missing
 * from the coordinator's tree, nothing is there twice, and the interrupted experiment is LOST.
 */
class NodeCrashTest {
    private static final String NODE_ID = "crash-node";

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(120)
    void nodeKilledMidExperiment_outboxDrainsNoDuplicatesNothingLost() throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 300);
        Path nodeDir = dir.resolve("node");
        try (LocalSwarm swarm = new LocalSwarm(dir.resolve("swarm"), 0, 1, "adopt", 3)) {
            swarm.start(null, 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file()); // no in-process nodes
            Path slotDir = nodeDir.resolve("campaigns").resolve(campaignId).resolve("slot-0");

            Process first = startNode(swarm, nodeDir);
            NodeLedger.Entry interrupted = killMidExperiment(first, nodeDir, slotDir, 6, 100);
            List<NodeLedger.Entry> atKill = ledger(slotDir);
            long pendingAtKill;
            try (Outbox outbox = Outbox.open(nodeDir.resolve("outbox"))) {
                pendingAtKill = outbox.pendingCount();
            }

            List<NodeLedger.Entry> ledger = restartAndStop(swarm, nodeDir, slotDir, atKill, interrupted);
            assertSameAsTree(swarm, campaignId, ledger, interrupted);
            System.out.printf("node crash: killed during %s with %d experiment(s) recorded and %d event(s) in the outbox;"
                    + " %d recorded after the restart%n", interrupted.id(), atKill.size(), pendingAtKill, ledger.size());
        }
    }

    /** The same while Kafka is away: what the node recorded meanwhile lives only in its outbox across the kill. */
    @Test
    @Timeout(120)
    void nodeKilledWhileBrokerDown_outboxKeepsEventsAndDrainsOnRestart() throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 150);
        Path nodeDir = dir.resolve("node");
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0);
        try (LocalSwarm swarm = new LocalSwarm(dir.resolve("swarm"), 0, 1, "adopt", 4)) {
            swarm.start(broker.bootstrapServers(), 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file());
            Path slotDir = nodeDir.resolve("campaigns").resolve(campaignId).resolve("slot-0");

            Process first = startNode(swarm, nodeDir);
            Await.until(Duration.ofSeconds(60), () -> ledger(slotDir).size() >= 3 || !first.isAlive(),
                    () -> "the node recorded " + ledger(slotDir).size() + " experiment(s); see " + log(nodeDir));
            int port = broker.port();
            broker.stop();
            int atStop = ledger(slotDir).size();
            NodeLedger.Entry interrupted = killMidExperiment(first, nodeDir, slotDir, atStop + 5, 50);
            List<NodeLedger.Entry> atKill = ledger(slotDir);
            Set<String> sinceStop = atKill.subList(atStop, atKill.size()).stream().map(NodeLedger.Entry::id)
                    .collect(Collectors.toSet());
            long pendingAtKill;
            try (Outbox outbox = Outbox.open(nodeDir.resolve("outbox"))) {
                pendingAtKill = outbox.pendingCount();
                Set<String> waiting = outbox.pending(Integer.MAX_VALUE).stream().map(Outbox.Entry::eventId)
                        .collect(Collectors.toSet());
                assertTrue(waiting.containsAll(sinceStop), "recorded with the broker down but not in the outbox: "
                        + sinceStop.stream().filter(id -> !waiting.contains(id)).toList());
            }

            broker = EmbeddedBroker.start(dir.resolve("broker"), port);
            List<NodeLedger.Entry> ledger = restartAndStop(swarm, nodeDir, slotDir, atKill, interrupted);
            assertSameAsTree(swarm, campaignId, ledger, interrupted);
            System.out.printf("node crash with the broker down: %d experiment(s) and %d event(s) only in the outbox at"
                    + " the kill; %d recorded in all%n", sinceStop.size(), pendingAtKill, ledger.size());
        } finally {
            broker.stop();
        }
    }

    /**
     * Waits until the node has recorded {@code minRecorded} experiments and one started less than
     * {@code withinMs} ago is running (so it cannot finish before the signal lands), then SIGKILLs
     * the node. Returns that experiment, checked to be unrecorded and still noted as in flight.
     */
    private NodeLedger.Entry killMidExperiment(Process node, Path nodeDir, Path slotDir, int minRecorded,
                                               long withinMs) throws Exception {
        AtomicReference<NodeLedger.Entry> running = new AtomicReference<>();
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(5), () -> {
            if (!node.isAlive() || ledger(slotDir).size() < minRecorded) {
                return !node.isAlive();
            }
            Optional<NodeLedger.Entry> now = NodeLedger.inflight(slotDir)
                    .filter(e -> System.currentTimeMillis() - e.startedAtMs() < withinMs);
            now.ifPresent(e -> {
                node.destroyForcibly();
                running.set(e);
            });
            return now.isPresent();
        }, () -> "the node recorded " + ledger(slotDir).size() + " of " + minRecorded + " experiment(s); see "
                + log(nodeDir));
        assertTrue(node.waitFor(10, TimeUnit.SECONDS));
        assertTrue(running.get() != null, "the node died by itself (exit " + node.exitValue() + "): "
                + tail(log(nodeDir)));
        String id = running.get().id();
        assertFalse(ledger(slotDir).stream().anyMatch(e -> e.id().equals(id)), "the experiment " + id
                + " finished before the kill");
        assertEquals(Optional.of(id), NodeLedger.inflight(slotDir).map(NodeLedger.Entry::id));
        return running.get();
    }

    /**
     * Starts the node again on its data directory, waits for a few more experiments, stops it with
     * SIGTERM, and checks its ledger and outbox: earlier lines untouched, the interrupted experiment
     * recorded LOST first thing, no id twice, nothing left to send. Returns the ledger.
     */
    private List<NodeLedger.Entry> restartAndStop(LocalSwarm swarm, Path nodeDir, Path slotDir,
                                                  List<NodeLedger.Entry> atKill, NodeLedger.Entry interrupted)
            throws Exception {
        long t0 = System.nanoTime();
        Process second = startNode(swarm, nodeDir);
        Await.until(Duration.ofSeconds(60), () -> ledger(slotDir).size() >= atKill.size() + 6 || !second.isAlive(),
                () -> "after the restart the node recorded " + ledger(slotDir).size() + " experiment(s), "
                        + atKill.size() + " before; see " + log(nodeDir));
        assertTrue(second.isAlive(), "the restarted node died: " + tail(log(nodeDir)));
        long t1 = System.nanoTime();
        second.destroy(); // SIGTERM: the node stops its loop and drains its outbox
        assertTrue(second.waitFor(40, TimeUnit.SECONDS), "the node did not stop within 40 s of SIGTERM");
        System.out.printf("restarted node: ran %d ms, stopped %d ms after SIGTERM%n", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);

        List<NodeLedger.Entry> ledger = ledger(slotDir);
        Map<String, NodeLedger.Entry> byId = ledger.stream()
                .collect(Collectors.toMap(NodeLedger.Entry::id, Function.identity()));
        assertEquals(ledger.size(), byId.size(), "the ledger holds an id twice");
        assertEquals(atKill, ledger.subList(0, atKill.size()), "the restart rewrote earlier ledger lines");
        assertEquals(interrupted.id(), ledger.get(atKill.size()).id(), "the restarted loop records the interrupted"
                + " experiment first");
        assertEquals("LOST", ledger.get(atKill.size()).status(), "the interrupted experiment");
        assertEquals(interrupted.parent(), ledger.get(atKill.size()).parent());
        try (Outbox outbox = Outbox.open(nodeDir.resolve("outbox"))) {
            assertEquals(0, outbox.pendingCount(), "events left in the outbox after a clean stop; see " + log(nodeDir));
        }
        return ledger;
    }

    /** The coordinator's tree holds exactly the ledger's experiments, once each, as the ledger has them. */
    private static void assertSameAsTree(LocalSwarm swarm, String campaignId, List<NodeLedger.Entry> ledger,
                                         NodeLedger.Entry interrupted) throws InterruptedException {
        assertTrue(swarm.coordinator().awaitCaughtUp(Duration.ofSeconds(30)));
        List<ExperimentEvent> tree = new TreePages(swarm::stub, campaignId).all(true);
        Map<String, ExperimentEvent> byId = tree.stream()
                .collect(Collectors.toMap(ExperimentEvent::getId, Function.identity()));
        assertEquals(tree.size(), byId.size(), "GetTree returned an experiment twice");
        assertEquals(ledger.stream().map(NodeLedger.Entry::id).collect(Collectors.toSet()), byId.keySet(),
                "ledger ids vs tree ids");
        assertEquals("LOST", byId.get(interrupted.id()).getStatus().name());
        for (NodeLedger.Entry e : ledger) {
            assertEquals(e.status(), byId.get(e.id()).getStatus().name(), "status of " + e.id());
            assertEquals(e.parent(), byId.get(e.id()).getParentId(), "parent of " + e.id());
            assertEquals(NODE_ID, byId.get(e.id()).getNodeId());
        }
    }

    /** {@code swarm node} in its own JVM on this test's classpath, output appended to node.log beside its data. */
    private Process startNode(LocalSwarm swarm, Path nodeDir) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SwarmCli.class.getName(), "node",
                "--coordinator", swarm.coordinatorAddress(), "--kafka", swarm.bootstrap(),
                "--data-dir", nodeDir.toString(), "--node-id", NODE_ID, "--slots", "1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log(nodeDir).toFile())).start();
        children.add(p);
        return p;
    }

    private static List<NodeLedger.Entry> ledger(Path slotDir) {
        return NodeLedger.readFile(slotDir.resolve("results.jsonl"));
    }

    private static Path log(Path nodeDir) {
        return nodeDir.resolveSibling(nodeDir.getFileName() + ".log");
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }
}
