package io.swarmhub.coordinator.bench;

import io.swarmhub.coordinator.projection.WireFormat;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.Hardware;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures how fast the coordinator ingests experiments: the tree insert path alone, and
 * decode (protobuf bytes, as read from Kafka) plus mapping plus insert. Not a test; run with
 * {@code java -cp ... io.swarmhub.coordinator.bench.IngestBench [events] [rounds] [campaigns]}.
 * Prints one line per round and a final {@code ingest_events_per_s: N} line (best round of
 * decode+insert).
 */
public final class IngestBench {
    private IngestBench() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int campaigns = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<byte[]> encoded = randomLog(events, campaigns, new Random(42));
        List<Experiment> decoded = new ArrayList<>(events);
        encoded.forEach(b -> decoded.add(WireFormat.toExperiment(EventCodec.decodeExperiment(b))));
        long bytes = encoded.stream().mapToLong(b -> b.length).sum();
        System.out.printf("events=%d campaigns=%d mean_event_bytes=%d cores=%d%n", events, campaigns,
                bytes / events, Runtime.getRuntime().availableProcessors());

        double bestInsert = 0;
        double bestFull = 0;
        for (int r = 1; r <= rounds; r++) {
            ExperimentForest forest = new ExperimentForest(1_000_000, Runnable::run);
            long t0 = System.nanoTime();
            for (Experiment e : decoded) {
                forest.insert(e);
            }
            double insert = events / ((System.nanoTime() - t0) / 1e9);
            check(forest, events);

            forest = new ExperimentForest(1_000_000, Runnable::run);
            t0 = System.nanoTime();
            for (byte[] b : encoded) {
                forest.insert(WireFormat.toExperiment(EventCodec.decodeExperiment(b)));
            }
            double full = events / ((System.nanoTime() - t0) / 1e9);
            check(forest, events);
            System.out.printf("round %d: insert %.0f events/s, decode+insert %.0f events/s%n", r, insert, full);
            bestInsert = Math.max(bestInsert, insert);
            bestFull = Math.max(bestFull, full);
        }
        System.out.printf("insert_events_per_s: %.0f%n", bestInsert);
        System.out.printf("ingest_events_per_s: %.0f%n", bestFull);
    }

    private static void check(ExperimentForest forest, int events) {
        int total = forest.campaignIds().stream().mapToInt(c -> forest.tree(c).orElseThrow().size()).sum();
        if (total != events) {
            throw new IllegalStateException("expected " + events + " experiments in the trees, found " + total);
        }
    }

    /** A log of random trees, interleaved across campaigns, with realistic patch and log sizes. */
    static List<byte[]> randomLog(int events, int campaigns, Random random) {
        List<List<String>> ids = new ArrayList<>();
        for (int c = 0; c < campaigns; c++) {
            ids.add(new ArrayList<>());
        }
        String logTail = "step 100 loss 1.234 ".repeat(50);
        List<byte[]> out = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int c = i % campaigns;
            List<String> mine = ids.get(c);
            String id = String.format("01J%023d", i);
            String parent = mine.isEmpty() ? "" : mine.get(Math.max(0, mine.size() - 1 - random.nextInt(Math.min(50, mine.size()))));
            boolean keep = mine.isEmpty() || random.nextInt(5) == 0;
            double metric = 1.0 - i * 1e-7 + random.nextDouble() * 1e-3;
            mine.add(id);
            out.add(EventCodec.encode(ExperimentEvent.newBuilder()
                    .setId(id).setCampaignId("campaign-" + c).setParentId(parent)
                    .setNodeId("node-" + random.nextInt(64)).setSlot(random.nextInt(4))
                    .setHardware(Hardware.newBuilder().setCpuModel("AMD EPYC 9654").setCores(96).setDevice("cpu"))
                    .setProposer("mutation").setDescription("lr 0.003 -> " + metric)
                    .setPatch("--- a/train.properties\n+++ b/train.properties\n@@ -1,3 +1,3 @@\n-lr=0.003\n+lr="
                            + metric + "\n batch=64\n")
                    .setPatchSha256(Long.toHexString(random.nextLong()).repeat(4))
                    .setStatus(keep ? ExperimentStatus.KEEP : ExperimentStatus.DISCARD)
                    .putMetrics("val_bpb", metric).putMetrics("memory_gb", 0.4)
                    .setMetric(metric).setSeconds(60).setStartedAtMs(1_700_000_000_000L + i)
                    .setFinishedAtMs(1_700_000_060_000L + i).setLogTail(logTail).build()));
        }
        return out;
    }
}
