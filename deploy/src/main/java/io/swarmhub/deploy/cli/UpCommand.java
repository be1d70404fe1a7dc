package io.swarmhub.deploy.cli;

import io.swarmhub.protocol.Durations;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm up}: a whole swarm on this machine. An embedded Kafka broker (KRaft), the
 * coordinator and N nodes, working on the demo campaign (or {@code --campaign}) until Ctrl-C or
 * {@code --duration}. Everything lives under {@code --data-dir}; running again there resumes.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run a whole swarm here: embedded Kafka, the coordinator and N nodes on a campaign.")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "4", description = "nodes to start (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--slots", defaultValue = "1", description = "loops per node (default: ${DEFAULT-VALUE})")
    int slots;

    @Option(names = "--campaign", paramLabel = "FILE", description = "campaign to run (default: examples/charlm/swarm-demo.yaml, real training with DJL)")
    Path campaignFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".swarm/up",
            description = "broker, coordinator and node data (default: ${DEFAULT-VALUE}); reuse it to resume")
    Path dataDir;

    @Option(names = "--duration", paramLabel = "D", description = "stop after this long (90s, 10m, 1h); default: until Ctrl-C")
    String duration;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this Kafka cluster instead of the embedded broker")
    String kafka;

    @Option(names = "--broker-port", defaultValue = "0", description = "embedded broker port (default: remembered, else free)")
    int brokerPort;

    @Option(names = "--grpc-port", defaultValue = "" + CoordinatorOptions.DEFAULT_GRPC_PORT,
            description = "coordinator gRPC port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int grpcPort;

    @Option(names = "--http-port", defaultValue = "7441",
            description = "coordinator HTTP port: JSON API, web UI, /metrics (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int httpPort;

    @Option(names = "--policy", defaultValue = "adopt", description = "nodes' parent policy: own-best, adopt (default), coordinator")
    String policy;

    @Option(names = "--seed", defaultValue = "1", description = "base random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-rebase", negatable = false,
            description = "nodes do not retry their own improvement on top of a peer's finding they adopt")
    boolean noRebase;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1) {
            System.err.println("swarm: --nodes must be at least 1");
            return 2;
        }
        Long seconds = null;
        if (duration != null) {
            var d = Durations.parseSeconds(duration);
            if (d.isEmpty()) {
                System.err.println("swarm: --duration: expected a duration like 90s, 10m or 1h, got '" + duration + "'");
                return 2;
            }
            seconds = d.getAsLong();
        }
        Path file = campaignFile != null ? campaignFile : defaultCampaign();
        Campaign campaign = CampaignFiles.loadOrReport(file);
        if (campaign == null) {
            return 2;
        }
        io.swarmhub.deploy.LocalSwarm swarm = new io.swarmhub.deploy.LocalSwarm(dataDir, nodes, slots, policy, seed)
                .rebase(!noRebase);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            swarm.close();
            done.countDown();
        }, "swarm-down");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            swarm.start(kafka, brokerPort, grpcPort, httpPort);
            String id = swarm.launch(campaign, file);
            System.err.printf("swarm: up. Kafka %s | coordinator gRPC %s | web UI %s/campaigns/%s | campaign %s | %d node(s) x %d slot(s) | data in %s%n",
                    swarm.bootstrap(), swarm.coordinatorAddress(), swarm.httpAddress(), id, id, nodes, slots, dataDir.toAbsolutePath());
            System.err.printf("swarm: Prometheus metrics: coordinator %s/metrics | %s%n", swarm.httpAddress(),
                    String.join(" | ", IntStream.range(0, swarm.nodeMetricsUrls().size())
                            .mapToObj(i -> "node-" + (i + 1) + " " + swarm.nodeMetricsUrls().get(i)).toList()));
            System.err.printf("swarm: try `./swarm tree %s --coordinator %s`, `./swarm findings --follow --kafka %s` or `./swarm nodes --coordinator %s`; Ctrl-C stops%n",
                    id, swarm.coordinatorAddress(), swarm.bootstrap(), swarm.coordinatorAddress());
            long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (done.await(Math.min(5_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
                    return 130;
                }
                System.err.println(swarm.statusLine(id));
            }
            System.err.println(swarm.statusLine(id));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                swarm.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is closing the swarm
            }
        }
        return 0;
    }

    private static Path defaultCampaign() {
        String home = System.getenv("SWARM_HOME");
        Path root = home != null ? Path.of(home) : Path.of(".");
        Path demo = root.resolve("examples/charlm/swarm-demo.yaml");
        if (!Files.exists(demo)) {
            throw new IllegalArgumentException("no --campaign given and the demo campaign " + demo + " is missing");
        }
        return demo;
    }
}
