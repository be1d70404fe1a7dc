package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.deploy.broker.EmbeddedBroker;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.swarm.PublisherSettings;
import io.swarmhub.protocol.v1.ExperimentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker goes away under a running swarm and comes back on the same data directory and
 * port: the nodes' loops keep recording into their ledgers and outboxes meanwhile, then the
 * outboxes drain and the coordinator's tree catches up with every recorded experiment, once each.
 */
class BrokerOutageTest {
    private static final int NODES = 2;
    /** Longer than the producers' delivery timeout, so sends expire and the outbox must send them again. */
    private static final Duration OUTAGE = PublisherSettings.of("127.0.0.1:9092").deliveryTimeout().plusSeconds(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void brokerStopped_nodesKeepWorkingThenCatchUp() throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 50);
        Path swarmDir = dir.resolve("swarm");
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0);
        try (LocalSwarm swarm = new LocalSwarm(swarmDir, NODES, 1, "adopt", 5)) {
            swarm.start(broker.bootstrapServers(), 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file());
            Await.until(Duration.ofSeconds(60), () -> AdoptionScenario.size(swarm, campaignId) >= 20,
                    () -> swarm.statusLine(campaignId));

            int port = broker.port();
            broker.stop();
            long stoppedAt = System.nanoTime();
            List<Integer> atStop = ledgerSizes(swarmDir, campaignId);
            Await.until(OUTAGE.plusSeconds(60), Duration.ofMillis(250), () -> {
                if (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                    return false;
                }
                List<Integer> now = ledgerSizes(swarmDir, campaignId);
                for (int i = 0; i < NODES; i++) {
                    if (now.get(i) < atStop.get(i) + 10 || swarm.buses().get(i).pending() < 5) {
                        return false;
                    }
                }
                return true;
            }, () -> "with the broker down: ledgers " + ledgerSizes(swarmDir, campaignId) + " (at the stop " + atStop
                    + "), pending " + pending(swarm));
            int treeDuringOutage = AdoptionScenario.size(swarm, campaignId);
            List<Integer> beforeRestart = ledgerSizes(swarmDir, campaignId);
            System.out.printf("broker outage: ledgers %s at the stop, %s before the restart, pending %s, tree %d%n",
                    atStop, beforeRestart, pending(swarm), treeDuringOutage);

            long restartAt = System.nanoTime();
            broker = EmbeddedBroker.start(dir.resolve("broker"), port);
            assertEquals(port, broker.port());
            long upAt = System.nanoTime();
            Await.until(Duration.ofSeconds(60), () -> pending(swarm).stream().allMatch(p -> p == 0),
                    () -> "outboxes after the broker came back: " + pending(swarm));
            long drainedAt = System.nanoTime();
            // Live, before anything is stopped: the coordinator picks up where it was.
            Set<String> recordedDuringOutage = ledgerIds(swarmDir, campaignId);
            Await.until(Duration.ofSeconds(60), () -> treeIds(swarm, campaignId).containsAll(recordedDuringOutage),
                    () -> "the coordinator's tree holds " + AdoptionScenario.size(swarm, campaignId) + " experiment(s), "
                            + treeDuringOutage + " during the outage; the ledgers held " + recordedDuringOutage.size()
                            + " after the restart");

            long caughtUpAt = System.nanoTime();
            System.out.printf("broker outage: down %d ms, restart %d ms, outboxes drained %d ms later, tree caught up %d ms"
                    + " later%n", (restartAt - stoppedAt) / 1_000_000, (upAt - restartAt) / 1_000_000,
                    (drainedAt - upAt) / 1_000_000, (caughtUpAt - drainedAt) / 1_000_000);
            AdoptionScenario.stopNodesAndCatchUp(swarm);
            List<ExperimentEvent> tree = new TreePages(swarm::stub, campaignId).all(true);
            Set<String> ids = tree.stream().map(ExperimentEvent::getId).collect(Collectors.toSet());
            assertEquals(tree.size(), ids.size(), "GetTree returned an experiment twice");
            List<NodeLedger.Entry> recorded = ledgers(swarmDir, campaignId);
            Set<String> recordedIds = recorded.stream().map(NodeLedger.Entry::id).collect(Collectors.toSet());
            assertEquals(recorded.size(), recordedIds.size(), "an id recorded twice");
            assertEquals(recordedIds, ids, "ledger ids vs tree ids");
        } finally {
            broker.stop();
        }
    }

    private static List<NodeLedger.Entry> ledgers(Path swarmDir, String campaignId) {
        List<NodeLedger.Entry> all = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            all.addAll(NodeLedger.read(swarmDir.resolve("nodes").resolve("node-" + i), campaignId));
        }
        return all;
    }

    private static List<Integer> ledgerSizes(Path swarmDir, String campaignId) {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            sizes.add(NodeLedger.read(swarmDir.resolve("nodes").resolve("node-" + i), campaignId).size());
        }
        return sizes;
    }

    private static Set<String> ledgerIds(Path swarmDir, String campaignId) {
        return ledgers(swarmDir, campaignId).stream().map(NodeLedger.Entry::id).collect(Collectors.toSet());
    }

    private static Set<String> treeIds(LocalSwarm swarm, String campaignId) {
        return swarm.coordinator().forest().tree(campaignId)
                .map(t -> t.page(0, t.size()).items().stream().map(e -> e.id()).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private static List<Long> pending(LocalSwarm swarm) {
        return swarm.buses().stream().map(KafkaBus::pending).toList();
    }
}
