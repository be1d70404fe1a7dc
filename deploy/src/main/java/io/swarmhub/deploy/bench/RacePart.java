package io.swarmhub.deploy.bench;

import io.grpc.ManagedChannel;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.agent.BaseBundle;
import io.swarmhub.node.agent.HardwareProbe;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.BestRequest;
import io.swarmhub.protocol.v1.BestResponse;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.StopCampaignRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to reach a target on 10-D Rastrigin with a simulated evaluation cost: 1 node, N isolated
 * nodes (own-best, no adoption), N gossiping nodes without rebase (adopt only) and N gossiping
 * nodes (adopt + rebase, the default), each run with the same wall-clock budget, over several seeds.
 */
final class RacePart {
    private final Path dir;
    private final Coordinator coordinator;
    private final String bootstrap;
    private final int nodes;
    private final int seeds;
    private final double target;
    private final int maxSeconds;
    private final int costMs;
    private final Path campaignFile;
    private final List<String> setups;
    private final int warmupSeconds;

    /** The setups raced, by name, in the order they are raced. */
    static final List<String> SETUPS = List.of("one", "isolated", "no-rebase", "gossiping");

    RacePart(Path dir, Coordinator coordinator, String bootstrap, int nodes, int seeds, double target, int maxSeconds,
             int costMs, Path campaignFile, List<String> setups, int warmupSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.setups = setups;
        this.campaignFile = campaignFile;
        this.dir = dir;
        this.coordinator = coordinator;
        this.bootstrap = bootstrap;
        this.nodes = nodes;
        this.seeds = seeds;
        this.target = target;
        this.maxSeconds = maxSeconds;
        this.costMs = costMs;
    }

    /** Rejects unknown setup names and a negative warm-up; the caller checks before anything starts. */
    static void check(List<String> setups, int warmupSeconds) {
        for (String s : setups) {
            if (!SETUPS.contains(s)) {
                throw new IllegalArgumentException("unknown race setup '" + s + "'; use " + String.join(", ", SETUPS));
            }
        }
        if (warmupSeconds < 0) {
            throw new IllegalArgumentException("--warmup-seconds must be 0 or more, was " + warmupSeconds);
        }
    }

    void run() throws Exception {
        Campaign base = CampaignLoader.load(campaignFile);
        if (base.getGoal().getDirection() == io.swarmhub.protocol.v1.Direction.MAXIMIZE) {
            throw new IllegalArgumentException("the race times how long a swarm takes to get " + base.getGoal().getMetric()
                    + " down to --target; " + campaignFile + " maximizes it");
        }
        BaseBundle bundle = BaseBundle.of(Path.of(base.getWorkspace().getRepo()));
        ManagedChannel channel = io.swarmhub.protocol.CoordinatorChannels.plaintext("127.0.0.1:" + coordinator.grpcPort());
        try {
            // The last row is the product's default (adopt + rebase); the one before it shows what rebase adds.
            Setup gossiping = new Setup("gossiping", nodes + " gossiping", nodes, "adopt", true);
            Setup[] configs = List.of(new Setup("one", "1 node", 1, "adopt", true),
                            new Setup("isolated", nodes + " isolated", nodes, "own-best", false),
                            new Setup("no-rebase", nodes + " no-rebase", nodes, "adopt", false), gossiping)
                    .stream().filter(s -> setups.contains(s.name())).toArray(Setup[]::new);
            System.out.printf(Locale.ROOT, "race: %s (%s), target %s <= %.3g, %d ms per evaluation, %d s budget per run%n",
                    base.getName(), campaignFile, base.getGoal().getMetric(), target, costMs, maxSeconds);
            if (warmupSeconds > 0) {
                // The JIT compiles most in the first seconds after start-up (with C2: for minutes); without a
                // warm-up the first configuration raced would pay for it.
                long w0 = System.nanoTime();
                race(channel, base, bundle, gossiping, 0, warmupSeconds, Double.NEGATIVE_INFINITY);
                System.err.printf(Locale.ROOT, "race: warm-up (%s, not timed) done in %.1f s%n", gossiping.label(),
                        (System.nanoTime() - w0) / 1e9);
            }
            double[] medians = new double[configs.length];
            for (int c = 0; c < configs.length; c++) {
                double[] times = new double[seeds];
                int reached = 0;
                for (int s = 1; s <= seeds; s++) {
                    Run run = race(channel, base, bundle, configs[c], s, maxSeconds, target);
                    times[s - 1] = run.reached();
                    if (Double.isFinite(times[s - 1])) {
                        reached++;
                    }
                    System.err.printf(Locale.ROOT, "race: %s seed %d: %s (nodes up after %.2f s)%n", configs[c].label(), s,
                            Double.isFinite(times[s - 1]) ? String.format(Locale.ROOT, "%.1f s", times[s - 1]) : "not reached",
                            run.started());
                }
                double[] sorted = times.clone();
                Arrays.sort(sorted);
                medians[c] = sorted[seeds / 2];
                System.out.printf(Locale.ROOT, "race %-12s reached %d/%d, median %s, runs %s%n", configs[c].label(), reached, seeds,
                        fmt(medians[c]), Arrays.toString(Arrays.stream(times).mapToObj(RacePart::fmt).toArray()));
            }
            int last = configs.length - 1;
            for (int c = 0; c < last; c++) {
                System.out.printf(Locale.ROOT, "race: speed-up of %s over %s: %.2fx%n", configs[last].label(), configs[c].label(),
                        cap(medians[c]) / cap(medians[last]));
            }
            System.out.printf(Locale.ROOT, "race: a run that never reached the target counts as %d s%n", maxSeconds);
        } finally {
            channel.shutdownNow();
        }
    }

    private double cap(double t) {
        return Double.isFinite(t) ? t : maxSeconds;
    }

    private static String fmt(double t) {
        return Double.isFinite(t) ? String.format(Locale.ROOT, "%.1f s", t) : "-";
    }

    /** One raced configuration: its name in {@link #SETUPS}, how many nodes, their parent policy, rebase on or off. */
    private record Setup(String name, String label, int nodes, String policy, boolean rebase) {
    }

    /** One race: seconds until the target was reached (NaN if never) and until every node had started. */
    private record Run(double reached, double started) {
    }

    private Run race(ManagedChannel channel, Campaign base, BaseBundle bundle, Setup setup, int seed, int limitSeconds,
                     double reach) throws Exception {
        String name = setup.label().replace(' ', '-') + "-" + (seed == 0 ? "warm-up" : seed);
        CoordinatorGrpc.CoordinatorBlockingStub stub = CoordinatorGrpc.newBlockingStub(channel);
        Campaign campaign = base.toBuilder().setName("race-" + name + "-" + System.currentTimeMillis() % 100000)
                .setRun(base.getRun().toBuilder().setCostMs(costMs)).build();
        String id = stub.launchCampaign(bundle.launchRequest(campaign).build()).getCampaignId();
        Hardware hardware = HardwareProbe.system().probe();
        List<KafkaBus> buses = new ArrayList<>();
        List<NodeAgent> agents = new ArrayList<>();
        long t0 = System.nanoTime();
        double reachedAt = Double.NaN;
        double startedAt = Double.NaN;
        try {
            for (int i = 0; i < setup.nodes(); i++) {
                Path nodeDir = dir.resolve("race").resolve(id).resolve("node-" + i);
                KafkaBus bus = new KafkaBus(bootstrap, nodeDir.resolve("outbox"));
                buses.add(bus);
                agents.add(new NodeAgent(new NodeAgent.Config(name + "-n" + i, 1, nodeDir, setup.policy(),
                        Duration.ofSeconds(1), seed * 1000L + i, setup.rebase()), channel, bus, hardware, Clock.systemUTC(), RatchetListener.NONE));
            }
            // Donated boxes start independently: register, fetch and unpack the workspace side by side.
            List<Thread> starts = new ArrayList<>();
            for (NodeAgent a : agents) {
                Thread t = new Thread(a::start, "race-start-" + a.nodeId());
                t.start();
                starts.add(t);
            }
            for (Thread t : starts) {
                t.join();
            }
            startedAt = (System.nanoTime() - t0) / 1e9;
            long deadline = t0 + limitSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                BestResponse best = stub.best(BestRequest.newBuilder().setCampaignId(id).build());
                if (best.getFound() && best.getExperiment().getMetric() <= reach) {
                    reachedAt = (System.nanoTime() - t0) / 1e9;
                    break;
                }
                Thread.sleep(20); // polling the coordinator's best, as a user watching would
            }
        } finally {
            agents.parallelStream().forEach(NodeAgent::close);
            buses.forEach(KafkaBus::close);
            stub.stopCampaign(StopCampaignRequest.newBuilder().setCampaignId(id).build());
        }
        return new Run(reachedAt, startedAt);
    }
}
