package io.swarmhub.deploy.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.api.CoordinatorServer;
import io.swarmhub.coordinator.api.CoordinatorState;
import io.swarmhub.coordinator.api.HttpApi;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.FileBundleStore;
import io.swarmhub.coordinator.projection.Projector;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.node.ExperimentId;
import io.swarmhub.node.Patches;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.LaunchCampaignRequest;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm bench ui}: is the web UI usable at N experiments? Builds a ratchet-shaped tree of N
 * experiments in a real coordinator (the gRPC service on 127.0.0.1, the HTTP API on 127.0.0.1, the
 * log replaced by applying events straight to the projection, so no Kafka), then times each endpoint
 * the pages call over real HTTP: median and max of a few calls, response size, the first progress
 * call (which builds the UI's index) on fresh HTTP servers, the heap that index costs, and the time
 * from inserting an experiment to its server-sent event.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "The web UI's endpoints against a campaign of N experiments: latency, size, index memory, live events.")
public final class UiBench implements Callable<Integer> {
    @Option(names = "--experiments", defaultValue = "100000", description = "experiments in the campaign (default: ${DEFAULT-VALUE})")
    int experiments;

    @Option(names = "--depth-bias", defaultValue = "0.9",
            description = "share of experiments tried on the current best; the rest on one of the last 50 KEEPs (default: ${DEFAULT-VALUE})")
    double depthBias;

    @Option(names = "--keep-rate", defaultValue = "0.05", description = "share of experiments kept (default: ${DEFAULT-VALUE})")
    double keepRate;

    @Option(names = "--nodes", defaultValue = "8", description = "nodes the experiments come from (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--repeats", defaultValue = "5", description = "calls per endpoint (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--cold-builds", defaultValue = "3",
            description = "first progress calls, each on a fresh HTTP server (default: ${DEFAULT-VALUE})")
    int coldBuilds;

    @Option(names = "--seed", defaultValue = "42", description = "random seed of the tree (default: ${DEFAULT-VALUE})")
    long seed;

    /** One endpoint's timings in ms, its last response size in bytes, and its worst status (200 when all were). */
    record Row(String name, String path, double[] ms, long bytes, int status, String error) {
        double median() {
            double[] a = ms.clone();
            Arrays.sort(a);
            return a.length == 0 ? Double.NaN : a[a.length / 2];
        }

        double max() {
            return Arrays.stream(ms).max().orElse(Double.NaN);
        }
    }

    /** What one run measured. Heap figures are bytes used after a full GC. */
    record Report(RatchetTree.Shape shape, double insertSeconds, long heapEmpty, long heapTree, long heapIndexed,
                  List<Row> rows) {
        String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "experiments %d (KEEP %d), best lineage depth %d, deepest experiment at depth %d,"
                            + " most children %d, nodes %d; tree built in %.1f s%n", shape.experiments(), shape.keeps(),
                    shape.bestDepth(), shape.deepest(), shape.mostChildren(), shape.nodes(), insertSeconds));
            out.append(String.format(Locale.ROOT, "heap after full GC: %.0f MB empty, %.0f MB with the tree, %.0f MB with the UI index"
                            + " (index %.1f MB, %.0f bytes per experiment)%n", mb(heapEmpty), mb(heapTree), mb(heapIndexed),
                    mb(heapIndexed - heapTree), (heapIndexed - heapTree) / (double) shape.experiments()));
            out.append(String.format(Locale.ROOT, "%-38s %4s %5s %10s %10s %10s%n", "endpoint", "code", "calls", "median ms", "max ms", "KB"));
            for (Row r : rows) {
                out.append(String.format(Locale.ROOT, "%-38s %4d %5d %10.1f %10.1f %10.1f%n", r.name(), r.status(), r.ms().length,
                        r.median(), r.max(), r.bytes() / 1024.0));
            }
            for (Row r : rows) {
                if (r.status() != 200) {
                    out.append(String.format("%s: %s answered %d: %s%n", r.name(), r.path(), r.status(), r.error()));
                }
            }
            return out.toString();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (experiments < 2 || nodes < 1 || repeats < 1 || coldBuilds < 1 || depthBias < 0 || depthBias > 1
                || keepRate <= 0 || keepRate >= 1) {
            System.err.println("swarm bench ui: need --experiments >= 2, --nodes/--repeats/--cold-builds >= 1,"
                    + " --depth-bias from 0 to 1 and --keep-rate between 0 and 1");
            return 2;
        }
        System.err.printf(Locale.ROOT, "swarm bench ui: %d experiments, depth bias %.2f, keep rate %.2f, %d nodes, %d cores, max heap %.0f MB%n",
                experiments, depthBias, keepRate, nodes, Runtime.getRuntime().availableProcessors(),
                mb(Runtime.getRuntime().maxMemory()));
        Report report = measure();
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** Builds the coordinator and the tree, measures every endpoint, and shuts it all down. */
    Report measure() throws Exception {
        Path dir = Files.createTempDirectory("swarm-bench-ui");
        ExperimentForest forest = new ExperimentForest(1_000_000, ForkJoinPool.commonPool()); // as Coordinator does
        CampaignRegistry<Campaign> campaigns = new CampaignRegistry<>();
        FileBundleStore bundles = new FileBundleStore(dir.resolve("campaigns"));
        Projector projector = new Projector(forest, campaigns, bundles);
        Clock clock = Clock.systemUTC();
        UlidSource ids = new UlidSource(clock, new SecureRandom());
        // The log, minus Kafka: what LogProjection would apply after the round trip, applied at once.
        CampaignControl control = new CampaignControl(campaigns, bundles, projector::applyCampaign, ids, clock);
        CoordinatorState state = new CoordinatorState(forest, campaigns, new NodeRegistry(clock, Duration.ofSeconds(30)),
                ParentPolicy.withSeed(seed), bundles, control, ids, "127.0.0.1:9092");
        ExecutorService watches = Executors.newFixedThreadPool(2);
        CoordinatorServer server = new CoordinatorServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(Topics.MAX_MESSAGE_BYTES), state, null, watches).start();
        // as `swarm coordinator` connects its HTTP API to its own gRPC port
        ManagedChannel channel = io.swarmhub.protocol.CoordinatorChannels.plaintext("127.0.0.1:" + server.port());
        try {
            String campaign = CoordinatorGrpc.newBlockingStub(channel).launchCampaign(LaunchCampaignRequest.newBuilder()
                    .setCampaign(Campaign.newBuilder().setName("bench-ui")
                            .setGoal(Goal.newBuilder().setMetric("val_bpb").setDirection(Direction.MINIMIZE)))
                    .setBaseBundle(ByteString.copyFromUtf8("bundle")).setBaseCommit("c0ffee").build()).getCampaignId();
            long heapEmpty = heapAfterGc();
            RatchetTree tree = new RatchetTree(campaign, nodes, depthBias, keepRate, seed);
            long t0 = System.nanoTime();
            for (int i = 0; i < experiments; i++) {
                projector.applyExperiment(tree.next());
            }
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            long heapTree = heapAfterGc();
            return endpoints(channel, projector, tree, campaign, heapEmpty, heapTree, insertSeconds);
        } finally {
            channel.shutdownNow();
            server.close();
            watches.shutdownNow();
        }
    }

    private Report endpoints(ManagedChannel channel, Projector projector, RatchetTree tree, String campaign,
                             long heapEmpty, long heapTree, double insertSeconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String api = "/api/campaigns/" + campaign;
        String deepest = tree.deepestId();
        RatchetTree.Shape shape = tree.shape(); // before the live-event inserts
        List<Row> rows = new ArrayList<>();
        try (HttpApi http = HttpApi.start("127.0.0.1", 0, channel)) {
            Probe probe = new Probe(client, http.port());
            String progress = api + "/progress?max=5000";
            // the first call builds the UI's index of the campaign: once on this server, then on fresh ones
            Probe.Call first = probe.get(progress);
            long heapIndexed = heapAfterGc();
            List<Probe.Call> cold = new ArrayList<>(List.of(first));
            for (int k = 1; k < coldBuilds; k++) {
                try (HttpApi fresh = HttpApi.start("127.0.0.1", 0, channel)) {
                    cold.add(new Probe(client, fresh.port()).get(progress));
                }
            }
            rows.add(Probe.row("progress, first call (index build)", progress, cold));
            rows.add(probe.repeat("campaigns list", "/api/campaigns", repeats));
            rows.add(probe.repeat("campaign", api, repeats));
            rows.add(probe.repeat("progress, warm", progress, repeats));
            rows.add(probe.repeat("progress keeps=true, warm", api + "/progress?keeps=true", repeats));
            rows.add(probe.repeat("best", api + "/best", repeats));
            rows.add(probe.repeat("roots", api + "/roots", repeats));
            rows.add(probe.repeat("children of the busiest (" + shape.mostChildren() + ")",
                    api + "/experiments/" + tree.busiestId() + "/children", repeats));
            rows.add(probe.repeat("findings", api + "/findings", repeats));
            rows.add(probe.repeat("breadcrumb, deepest (" + shape.deepest() + ")",
                    api + "/experiments/" + deepest + "/breadcrumb", repeats));
            rows.add(probe.repeat("experiment, deepest", api + "/experiments/" + deepest, repeats));
            rows.add(probe.repeat("lineage patches=false, deepest", api + "/experiments/" + deepest + "/lineage?patches=false", repeats));
            rows.add(probe.repeat("nodes", "/api/nodes", repeats));
            rows.add(probe.repeat("page /campaigns/{id}", "/campaigns/" + campaign, repeats));
            rows.add(liveEvent(client, http.port(), api + "/events", projector, tree));
            return new Report(shape, insertSeconds, heapEmpty, heapTree, heapIndexed, rows);
        }
    }

    /** Opens the campaign's event stream, then inserts experiments one by one and times each to its event. */
    private Row liveEvent(HttpClient client, int port, String path, Projector projector, RatchetTree tree) throws Exception {
        BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(1024);
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            return new Row("SSE: insert to event", path, new double[0], 0, response.statusCode(), "refused");
        }
        long[] bytes = {0};
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(line -> {
                    if (line.startsWith("event: experiment")) {
                        arrivals.add(System.nanoTime());
                    } else if (line.startsWith("data: ")) {
                        bytes[0] = line.length() + 1L;
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                // the stream was closed below: the measurement is over
            }
        }, "bench-ui-sse");
        reader.setDaemon(true);
        reader.start();
        double[] ms = new double[repeats];
        int status = 200;
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            projector.applyExperiment(tree.next());
            Long at = arrivals.poll(10, TimeUnit.SECONDS);
            if (at == null) {
                status = 504; // no event within 10 s
                ms = Arrays.copyOf(ms, k);
                break;
            }
            ms[k] = (at - t0) / 1e6;
        }
        response.body().close();
        return new Row("SSE: insert to event", path, ms, bytes[0], status, status == 200 ? "" : "no event within 10 s");
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Timed GETs against one HTTP server. */
    private record Probe(HttpClient client, int port) {
        record Call(double ms, long bytes, int status, String error) {
        }

        Call get(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(120)).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - t0) / 1e6;
            String body = new String(r.body(), 0, Math.min(r.body().length, 300), java.nio.charset.StandardCharsets.UTF_8);
            return new Call(ms, r.body().length, r.statusCode(), r.statusCode() == 200 ? "" : body);
        }

        Row repeat(String name, String path, int times) throws Exception {
            List<Probe.Call> calls = new ArrayList<>();
            for (int k = 0; k < times; k++) {
                calls.add(get(path));
            }
            return row(name, path, calls);
        }

        static Row row(String name, String path, List<Call> calls) {
            Call failed = calls.stream().filter(c -> c.status() != 200).findFirst().orElse(calls.get(0));
            return new Row(name, path, calls.stream().mapToDouble(Call::ms).toArray(), calls.get(calls.size() - 1).bytes(),
                    failed.status(), failed.error());
        }
    }

    /**
     * A ratchet-shaped stream of experiment events from one baseline: each experiment is tried on the
     * current best (with probability {@code depthBias}) or on one of the last 50 KEEPs; {@code keepRate}
     * of them are KEEPs with a slightly better metric, 2 % crash, 0.5 % time out, the rest are DISCARDs
     * with a worse one. Patches are a few hundred bytes, KEEPs carry their whole change from the base,
     * every experiment a log tail of about 700 bytes, as nodes send them.
     */
    static final class RatchetTree {
        /** The tree so far: counts, the best lineage's depth, the deepest experiment's, the most children of one experiment. */
        record Shape(int experiments, int keeps, int bestDepth, int deepest, int mostChildren, int nodes) {
        }

        private record Kept(String id, double metric, int depth) {
        }

        private static final String[] PARAMS = {"batch_size", "seq_len", "n_layer", "n_embd", "lr", "warmup_steps",
            "weight_decay", "dropout", "beta2", "grad_clip", "lr_decay", "label_smoothing"};

        private final String campaign;
        private final int nodes;
        private final double depthBias;
        private final double keepRate;
        private final Random random;
        private final ExperimentId ids;
        private final List<Kept> recent = new ArrayList<>();
        private final Map<String, Integer> children = new HashMap<>();
        private Kept best;
        private long clockMs = 1_767_225_600_000L;
        private int count;
        private int keeps;
        private int deepest = -1;
        private String deepestId;
        private String busiestId;
        private int mostChildren;

        RatchetTree(String campaign, int nodes, double depthBias, double keepRate, long seed) {
            this.campaign = campaign;
            this.nodes = nodes;
            this.depthBias = depthBias;
            this.keepRate = keepRate;
            this.random = new Random(seed);
            this.ids = new ExperimentId(Clock.systemUTC(), new Random(seed));
        }

        Shape shape() {
            return new Shape(count, keeps, best == null ? 0 : best.depth(), deepest, mostChildren, nodes);
        }

        String deepestId() {
            return deepestId;
        }

        String busiestId() {
            return busiestId;
        }

        ExperimentEvent next() {
            String id = ids.next();
            count++;
            clockMs += 1 + random.nextInt(8000); // about 4 s between finishes across the swarm
            Kept parent = best == null ? null
                    : recent.isEmpty() || random.nextDouble() < depthBias ? best : recent.get(random.nextInt(recent.size()));
            double u = random.nextDouble();
            ExperimentStatus status = parent == null || u < keepRate ? ExperimentStatus.KEEP
                    : u < keepRate + 0.02 ? ExperimentStatus.CRASH
                    : u < keepRate + 0.025 ? ExperimentStatus.TIMEOUT : ExperimentStatus.DISCARD;
            double metric = parent == null ? 1.6
                    : status == ExperimentStatus.KEEP ? parent.metric() * (1 - 1e-5 - 1.5e-4 * random.nextDouble())
                    : status == ExperimentStatus.DISCARD ? parent.metric() * (1 + 0.02 * random.nextDouble()) : Double.NaN;
            int depth = parent == null ? 0 : parent.depth() + 1;
            if (parent != null) {
                int n = children.merge(parent.id(), 1, Integer::sum);
                if (n > mostChildren) {
                    mostChildren = n;
                    busiestId = parent.id();
                }
            }
            if (depth > deepest) {
                deepest = depth;
                deepestId = id;
            }
            String param = PARAMS[random.nextInt(PARAMS.length)];
            double before = random.nextDouble();
            double after = before * (0.8 + 0.4 * random.nextDouble());
            String proposer = parent == null ? "baseline" : random.nextInt(10) < 7 ? "mutation" : random.nextInt(3) == 0 ? "crossover" : "llm";
            String description = parent == null ? "baseline: the unchanged base code"
                    : proposer.equals("llm") ? String.format(Locale.ROOT, "lower %s from %.4f to %.4f: the loss curve flattens "
                    + "early, so a gentler schedule should help the last third of the budget", param, before, after)
                    : String.format(Locale.ROOT, "%s %.5f -> %.5f", param, before, after);
            String patch = parent == null ? "" : patch(param, before, after);
            double seconds = 55 + 10 * random.nextDouble();
            ExperimentEvent.Builder e = ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId(id)
                    .setCampaignId(campaign).setParentId(parent == null ? "" : parent.id())
                    .setNodeId("node-" + (1 + random.nextInt(nodes))).setSlot(random.nextInt(2))
                    .setHardware(Hardware.newBuilder().setCpuModel("AMD EPYC 7B13").setCores(16).setMemoryBytes(64L << 30).setDevice("cpu"))
                    .setProposer(proposer).setDescription(description).setPatch(patch).setPatchSha256(Patches.sha256(patch))
                    .setStatus(status).setMetric(metric).setSeconds(seconds)
                    .setStartedAtMs(clockMs - (long) (seconds * 1000)).setFinishedAtMs(clockMs)
                    .setLogTail(logTail(metric, status)).setMemoryGb(0.4 + 0.1 * random.nextDouble());
            if (Double.isFinite(metric)) {
                e.putMetrics("val_bpb", metric).putMetrics("peak_memory_gb", e.getMemoryGb());
            }
            if (status == ExperimentStatus.CRASH || status == ExperimentStatus.TIMEOUT) {
                e.setMessage(status == ExperimentStatus.CRASH ? "exit status 1" : "over the budget of 60 s");
            }
            if (status == ExperimentStatus.KEEP) {
                keeps++;
                Kept kept = new Kept(id, metric, depth);
                recent.add(kept);
                if (recent.size() > 50) {
                    recent.remove(0);
                }
                if (best == null || metric < best.metric()) {
                    best = kept;
                }
                e.setCommit(String.format("%040x", random.nextLong() & Long.MAX_VALUE)).setLineagePatch(wholeChange());
            }
            return e.build();
        }

        private static String patch(String param, double before, double after) {
            return String.format(Locale.ROOT, "diff --git a/train.properties b/train.properties\n--- a/train.properties\n"
                    + "+++ b/train.properties\n@@ -4,7 +4,7 @@\n n_embd = 128\n n_layer = 4\n seq_len = 256\n-%s = %.5f\n"
                    + "+%s = %.5f\n warmup_steps = 100\n weight_decay = 0.10\n dropout = 0.10\n", param, before, param, after);
        }

        private String wholeChange() {
            StringBuilder b = new StringBuilder("diff --git a/train.properties b/train.properties\n--- a/train.properties\n"
                    + "+++ b/train.properties\n@@ -1,12 +1,12 @@\n");
            for (String p : PARAMS) {
                b.append(String.format(Locale.ROOT, "-%s = %.5f%n+%s = %.5f%n", p, random.nextDouble(), p, random.nextDouble()));
            }
            return b.toString();
        }

        private String logTail(double metric, ExperimentStatus status) {
            StringBuilder b = new StringBuilder();
            for (int step = 1000; step <= 10_000; step += 1000) {
                b.append(String.format(Locale.ROOT, "step %5d | loss %.4f | lr %.2e | %.1f ms/step%n", step,
                        2.5 - step * 1e-4 + 0.01 * random.nextDouble(), 3e-3, 10 + random.nextDouble()));
            }
            return b.append(status == ExperimentStatus.CRASH ? "java.lang.IllegalStateException: NaN loss at step 10000\n"
                    : String.format(Locale.ROOT, "val_bpb: %.6f%npeak_memory_gb: 0.41%n", metric)).toString();
        }
    }
}
