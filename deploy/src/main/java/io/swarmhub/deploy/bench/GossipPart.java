package io.swarmhub.deploy.bench;

import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gossip latency: a finding published by one node until every one of N nodes has received it. */
final class GossipPart {
    private final String bootstrap;
    private final Path dir;
    private final int nodes;
    private final int findings;

    GossipPart(String bootstrap, Path dir, int nodes, int findings) {
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.nodes = nodes;
        this.findings = findings;
    }

    void run() throws Exception {
        String campaign = "bench-gossip-" + System.currentTimeMillis();
        Map<String, long[]> seen = new ConcurrentHashMap<>(); // finding id -> {receivers, max latency ms}
        List<KafkaBus> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                KafkaBus bus = new KafkaBus(bootstrap, dir.resolve("gossip/node-" + i));
                bus.listen(new KafkaBus.FeedListener() {
                    @Override
                    public void onFinding(FindingEvent f, long receivedAtMs) {
                        if (!f.getExperiment().getCampaignId().equals(campaign)) {
                            return;
                        }
                        long latency = receivedAtMs - f.getPublishedAtMs();
                        seen.compute(f.getExperiment().getId(), (k, v) -> {
                            long[] a = v == null ? new long[2] : v;
                            a[0]++;
                            a[1] = Math.max(a[1], latency);
                            return a;
                        });
                    }
                });
                bus.subscribe(f -> { }, e -> { });
                receivers.add(bus);
            }
            for (KafkaBus bus : receivers) {
                bus.awaitCaughtUp(Duration.ofSeconds(60));
            }
            try (KafkaBus sender = new KafkaBus(bootstrap, dir.resolve("gossip/sender"))) {
                for (int i = 0; i < findings; i++) {
                    ExperimentEvent e = ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1)
                            .setId(String.format(Locale.ROOT, "GOSSIP%020d", i)).setCampaignId(campaign)
                            .setNodeId("sender").setStatus(ExperimentStatus.KEEP).setMetric(i).build();
                    sender.publisher().finding(FindingEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1)
                            .setExperiment(e).setPublishedAtMs(System.currentTimeMillis()).build());
                    Thread.sleep(20); // pacing: about 50 findings per second, like a busy swarm
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && seen.values().stream().filter(a -> a[0] >= nodes).count() < findings) {
                    Thread.sleep(10);
                }
            }
        } finally {
            receivers.forEach(KafkaBus::close);
        }
        long[] all = seen.values().stream().filter(a -> a[0] >= nodes).mapToLong(a -> a[1]).sorted().toArray();
        if (all.length == 0) {
            System.out.println("gossip: no finding reached all nodes");
            return;
        }
        System.out.printf(Locale.ROOT, "gossip: %d/%d findings reached all %d nodes; latency to the last node p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                all.length, findings, nodes, all[all.length / 2], all[(int) (all.length * 0.9)],
                all[Math.min(all.length - 1, (int) (all.length * 0.99))], Arrays.stream(all).max().orElse(0));
    }
}
