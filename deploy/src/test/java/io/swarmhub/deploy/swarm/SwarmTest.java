package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.protocol.v1.BestRequest;
import io.swarmhub.protocol.v1.BestResponse;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.GetCampaignResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A whole swarm in this JVM on the embedded broker: gossip, adoption, and a coordinator restart. */
class SwarmTest {
    private static final int NODES = 2;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void threeNodes_everyExperimentOnceAndFindingsAdopted() throws Exception {
        AdoptionScenario.run(dir, null);
    }

    @Test
    @Timeout(120)
    void coordinatorRestart_rebuildsSameTree() throws Exception {
        DemoCampaign demo = DemoCampaign.copy(dir.resolve("campaign"), 30);
        Path swarmDir = dir.resolve("swarm");
        try (LocalSwarm swarm = new LocalSwarm(swarmDir, NODES, 1, "adopt", 11)) {
            swarm.start(null, 0, 0);
            String campaignId = swarm.launch(demo.campaign(), demo.file());
            Await.until(Duration.ofSeconds(60), () -> AdoptionScenario.size(swarm, campaignId) >= 40,
                    () -> swarm.statusLine(campaignId));
            Coordinator second = null;
            Coordinator third = null;
            try {
                // Restart while the nodes keep publishing: the rebuilt tree starts with the old one, in order.
                Coordinator first = swarm.coordinator();
                int port = first.grpcPort();
                first.close();
                List<Experiment> before = all(first, campaignId);
                second = Coordinator.start(Config.of(swarm.bootstrap(), port, swarmDir.resolve("coordinator")));
                assertTrue(second.awaitCaughtUp(Duration.ofSeconds(30)));
                ExperimentTree rebuilt = second.forest().tree(campaignId).orElseThrow();
                assertTrue(rebuilt.size() >= before.size(), rebuilt.size() + " < " + before.size());
                assertEquals(before, rebuilt.page(0, before.size()).items(), "the replayed tree differs from the one before");

                // The new coordinator keeps up with the live swarm (the nodes' channel reaches it on the same port).
                ExperimentTree live = rebuilt;
                Await.until(Duration.ofSeconds(60), () -> live.size() >= before.size() + 20,
                        () -> "the restarted coordinator holds " + live.size() + " experiment(s), " + before.size()
                                + " before the restart");
                AdoptionScenario.stopNodesAndCatchUp(swarm, second);

                // Once more on an empty data dir, after everything settled: GetTree pages equal field for field.
                // The swarm's channel may still be backing off from the first coordinator's exit: wait for it.
                Supplier<CoordinatorGrpc.CoordinatorBlockingStub> stubs = () -> swarm.stub().withWaitForReady();
                TreePages tree = new TreePages(stubs, campaignId);
                List<ExperimentEvent> settled = tree.all(false);
                GetCampaignResponse campaign = stubs.get().getCampaign(
                        GetCampaignRequest.newBuilder().setCampaignId(campaignId).build());
                BestResponse best = stubs.get().best(BestRequest.newBuilder().setCampaignId(campaignId).build());
                Set<String> ledgerIds = IntStream.rangeClosed(1, NODES)
                        .mapToObj(i -> NodeLedger.read(swarmDir.resolve("nodes").resolve("node-" + i), campaignId))
                        .flatMap(List::stream).map(NodeLedger.Entry::id).collect(Collectors.toSet());
                assertEquals(ledgerIds, settled.stream().map(ExperimentEvent::getId).collect(Collectors.toSet()));
                second.close();
                second = null;
                third = Coordinator.start(Config.of(swarm.bootstrap(), port, dir.resolve("fresh-coordinator")));
                assertTrue(third.awaitCaughtUp(Duration.ofSeconds(30)));
                List<ExperimentEvent> replayed = tree.all(false);
                assertEquals(settled.size(), replayed.size());
                for (int i = 0; i < settled.size(); i++) {
                    assertEquals(settled.get(i), replayed.get(i), "experiment at position " + i);
                }
                assertEquals(campaign, stubs.get().getCampaign(
                        GetCampaignRequest.newBuilder().setCampaignId(campaignId).build()));
                assertEquals(best, stubs.get().best(BestRequest.newBuilder().setCampaignId(campaignId).build()));
                System.out.printf("coordinator restart: %d experiment(s) at the live restart, %d after settling%n",
                        before.size(), settled.size());
            } finally {
                // Before the swarm stops its broker.
                if (second != null) {
                    second.close();
                }
                if (third != null) {
                    third.close();
                }
            }
        }
    }

    private static List<Experiment> all(Coordinator c, String campaignId) {
        ExperimentTree t = c.forest().tree(campaignId).orElseThrow();
        return t.page(0, t.size()).items();
    }
}
