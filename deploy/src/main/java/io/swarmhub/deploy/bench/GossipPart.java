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

/**
 * Gossip latency: a finding published by one node until every one of N nodes has received it.
 * Measures the steady state of a running swarm: first a warm-up campaign's findings go through
 * (a real node's producer and feed have carried events long before a given finding; the first
 * records through a fresh JVM pay class loading and connection set-up), then the measured ones.
 */
final class GossipPart {
    private static final int WARMUP = 30;

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
        String warmup = campaign + "-warmup";
        Map<String, long[]> seen = new ConcurrentHashMap<>(); // finding id -> {receivers, max latency ms}
        List<KafkaBus> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                KafkaBus bus = new KafkaBus(bootstrap, dir.resolve("gossip/node-" + i));
                bus.listen(new KafkaBus.FeedListener() {
                    @Override
                    public void onFinding(FindingEvent f, long receivedAtMs) {
                        String c = f.getExperiment().getCampaignId();
                        if (!c.equals(campaign) && !c.equals(warmup)) {
                            return;
                        }
                        long latency = receivedAtMs - f.getPublishedAtMs();
                        seen.compute(c + "/" + f.getExperiment().getId(), (k, v) -> {
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
                if (!sender.awaitConnected(Duration.ofSeconds(30))) {
                    System.out.println("gossip: the sender did not reach Kafka within 30 s");
                    return;
                }
                publish(sender, warmup, WARMUP);
                awaitAll(seen, warmup, WARMUP);
                long first = seen.getOrDefault(warmup + "/" + id(0), new long[2])[1];
                long rest = seen.entrySet().stream().filter(e -> e.getKey().startsWith(warmup + "/")
                        && !e.getKey().endsWith(id(0))).mapToLong(e -> e.getValue()[1]).max().orElse(0);
                System.out.printf(Locale.ROOT, "gossip: warm-up (%d findings, not counted): first %d ms, then max %d ms%n",
                        WARMUP, first, rest);
                publish(sender, campaign, findings);
                awaitAll(seen, campaign, findings);
            }
        } finally {
            receivers.forEach(KafkaBus::close);
        }
        long[] all = latencies(seen, campaign).stream().mapToLong(Long::longValue).sorted().toArray();
        if (all.length == 0) {
            System.out.println("gossip: no finding reached all nodes");
            return;
        }
        System.out.printf(Locale.ROOT, "gossip: %d/%d findings reached all %d nodes; latency to the last node p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                all.length, findings, nodes, all[all.length / 2], all[(int) (all.length * 0.9)],
                all[Math.min(all.length - 1, (int) (all.length * 0.99))], Arrays.stream(all).max().orElse(0));
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "GOSSIP%020d", i);
    }

    private static void publish(KafkaBus sender, String campaign, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            ExperimentEvent e = ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1)
                    .setId(id(i)).setCampaignId(campaign)
                    .setNodeId("sender").setStatus(ExperimentStatus.KEEP).setMetric(i).build();
            sender.publisher().finding(FindingEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1)
                    .setExperiment(e).setPublishedAtMs(System.currentTimeMillis()).build());
            Thread.sleep(20); // pacing: about 50 findings per second, like a busy swarm
        }
    }

    private void awaitAll(Map<String, long[]> seen, String campaign, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && latencies(seen, campaign).size() < count) {
            Thread.sleep(10);
        }
    }

    /** Latency to the last node of each finding of {@code campaign} that reached all nodes. */
    private List<Long> latencies(Map<String, long[]> seen, String campaign) {
        List<Long> out = new ArrayList<>();
        seen.forEach((k, v) -> {
            if (k.startsWith(campaign + "/") && v[0] >= nodes) {
                out.add(v[1]);
            }
        });
        return out;
    }
}
