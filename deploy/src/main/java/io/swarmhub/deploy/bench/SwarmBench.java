package io.swarmhub.deploy.bench;

import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.deploy.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm bench swarm}: the swarm's figures on this machine, each against a real embedded
 * broker: coordinator ingest (events/s into the tree), gossip latency (a finding published to
 * received by all of N nodes), and time-to-target on 10-D Rastrigin for 1 node, N isolated nodes
 * and N gossiping nodes.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = "Coordinator ingest, gossip latency, and time-to-target of 1 vs N isolated vs N gossiping nodes.")
public final class SwarmBench implements Callable<Integer> {
    @Option(names = "--part", defaultValue = "all", description = "all, ingest, gossip or race (default: all)")
    String part;

    @Option(names = "--events", defaultValue = "100000", description = "ingest: experiment events (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rounds", defaultValue = "3", description = "ingest: rounds of --events each; the first is cold, the median of the rest is reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--nodes", defaultValue = "8", description = "gossip and race: nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--findings", defaultValue = "300", description = "gossip: findings published (default: ${DEFAULT-VALUE})")
    int findings;

    @Option(names = "--seeds", defaultValue = "5", description = "race: seeds per configuration (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--target", defaultValue = "8.0", description = "race: objective value to reach (default: ${DEFAULT-VALUE})")
    double target;

    @Option(names = "--max-seconds", defaultValue = "120", description = "race: give up after (default: ${DEFAULT-VALUE})")
    int maxSeconds;

    @Option(names = "--cost-ms", defaultValue = "100", description = "race: simulated evaluation cost (default: ${DEFAULT-VALUE})")
    int costMs;

    @Option(names = "--campaign", paramLabel = "FILE", description = "race: the campaign raced, a minimizing one "
            + "(default: examples/swarm-demo/campaign.yaml, 10-D Rastrigin)")
    Path campaign;

    @Option(names = "--setups", split = ",", paramLabel = "SETUP[,SETUP...]",
            defaultValue = "one,isolated,no-rebase,gossiping", description = "race: the setups raced, in this order: one (1 node), "
            + "isolated (N nodes, own best, no adoption), no-rebase (N gossiping, adoption only), gossiping (N gossiping, the "
            + "default: adoption + rebase); speed-ups are of the last one raced over the others (default: ${DEFAULT-VALUE})")
    java.util.List<String> setups;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "race: an untimed run of N gossiping nodes first, "
            + "so that no timed run pays for the JVM's JIT warm-up; 0 to skip (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--keep-data", description = "keep the broker's and nodes' data (deleted at the end by default)")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        if (part.equals("all") || part.equals("race")) {
            RacePart.check(setups, warmupSeconds);
        }
        try (ScratchDir scratch = ScratchDir.create("swarm-bench", keepData)) {
            return run(scratch.path());
        }
    }

    private int run(Path dir) throws Exception {
        System.err.println("swarm bench swarm: data in " + dir + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0);
             Coordinator coordinator = Coordinator.start(Config.of(broker.bootstrapServers(), 0, dir.resolve("coordinator")))) {
            String bootstrap = broker.bootstrapServers();
            if (part.equals("all") || part.equals("ingest")) {
                new IngestPart(bootstrap, dir, events, rounds).run(coordinator);
            }
            if (part.equals("all") || part.equals("gossip")) {
                new GossipPart(bootstrap, dir, nodes, findings).run();
            }
            if (part.equals("all") || part.equals("race")) {
                new RacePart(dir, coordinator, bootstrap, nodes, seeds, target, maxSeconds, costMs, raceCampaign(), setups, warmupSeconds).run();
            }
        }
        return 0;
    }

    private Path raceCampaign() {
        if (campaign != null) {
            return campaign;
        }
        String home = System.getenv("SWARM_HOME");
        return (home != null ? Path.of(home) : Path.of(".")).resolve("examples/swarm-demo/campaign.yaml");
    }
}
