package io.swarmhub.deploy.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.agent.HardwareProbe;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.node.agent.NodeIds;
import io.swarmhub.node.metrics.MetricsServer;
import io.swarmhub.node.metrics.NodeMetrics;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.RegisterNodeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm node}: donate this machine to a swarm. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Donate this machine: register with the coordinator and run one loop per slot.")
public final class NodeCommand implements Callable<Integer> {
    /** The default port of a node's /metrics: next to the coordinator's gRPC (7440) and HTTP (7441). */
    static final int DEFAULT_METRICS_PORT = 7442;

    @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + CoordinatorOptions.DEFAULT_GRPC_PORT,
            description = "the coordinator's gRPC address (default: ${DEFAULT-VALUE})")
    String coordinator;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the address the coordinator announces)")
    String kafka;

    @Option(names = "--slots", defaultValue = "0",
            description = "loops to run (default: one per GPU, or 1 on a CPU-only machine)")
    int slots;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".swarm/node",
            description = "workspaces, ledgers and the outbox (default: ${DEFAULT-VALUE}); reuse it to resume")
    Path dataDir;

    @Option(names = "--node-id", description = "node id (default: remembered in the data dir, else host name + random suffix)")
    String nodeId;

    @Option(names = "--policy", defaultValue = "adopt",
            description = "parent policy: own-best, adopt (default) or coordinator")
    String policy;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of the proposers (default: 1)")
    long seed;

    @Option(names = "--no-rebase", negatable = false,
            description = "do not retry this node's own improvement on top of a peer's finding it adopts")
    boolean noRebase;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_METRICS_PORT,
            description = "port of the node's Prometheus /metrics (default: ${DEFAULT-VALUE}; 0: any free port; -1: off)")
    int metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address /metrics listens on; 0.0.0.0 for a remote Prometheus (default: ${DEFAULT-VALUE})")
    String metricsBind;

    @Override
    public Integer call() throws Exception {
        Hardware hardware = HardwareProbe.system().probe();
        int slotCount = slots > 0 ? slots : Math.max(1, hardware.getGpusCount());
        String id = nodeId != null ? nodeId : NodeIds.remembered(dataDir);
        ManagedChannel channel = io.swarmhub.protocol.CoordinatorChannels.plaintext(coordinator);
        String bootstrap = kafka;
        if (bootstrap == null) {
            try {
                bootstrap = CoordinatorGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .registerNode(RegisterNodeRequest.newBuilder().setNodeId(id).setHardware(hardware)
                                .setSlots(slotCount).build()).getKafkaBootstrap();
            } catch (StatusRuntimeException e) {
                channel.shutdownNow();
                System.err.println("swarm: cannot reach the coordinator at " + coordinator + " (" + e.getStatus().getCode()
                        + "); start one with `swarm up` or `swarm coordinator`, or pass --coordinator HOST:PORT");
                return 1;
            }
        }
        KafkaBus bus = new KafkaBus(bootstrap, dataDir.resolve("outbox"));
        NodeMetrics metrics = new NodeMetrics(id, bus::pending, Clock.systemUTC())
                .consumerLag(io.swarmhub.node.swarm.SwarmFeed.topics(), bus::consumerLag);
        MetricsServer metricsServer = null;
        if (metricsPort >= 0) {
            try {
                metricsServer = MetricsServer.start(metricsBind, metricsPort, metrics::scrape);
            } catch (IOException e) {
                bus.close();
                channel.shutdownNow();
                System.err.println("swarm: cannot serve /metrics on " + metricsBind + ":" + metricsPort + " (" + e.getMessage()
                        + "); pass --metrics-port P (0: any free port, -1: off) or another --metrics-bind");
                return 1;
            }
        }
        MetricsServer served = metricsServer;
        NodeAgent agent = new NodeAgent(new NodeAgent.Config(id, slotCount, dataDir, policy, Duration.ofSeconds(5), seed,
                !noRebase),
                channel, bus, hardware, Clock.systemUTC(), RatchetListener.NONE, metrics);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            if (served != null) {
                served.close();
            }
            bus.close();
            channel.shutdownNow();
            stopped.countDown();
        }, "node-stop"));
        agent.start();
        System.err.printf("swarm: node %s up with %d slot(s) (%s), coordinator %s, Kafka %s, data in %s%n", agent.nodeId(),
                slotCount, hardware.getGpusCount() > 0 ? hardware.getGpusCount() + " GPU(s)" : "CPU", coordinator, bootstrap,
                dataDir.toAbsolutePath());
        if (served != null) {
            System.err.printf("swarm: node metrics on %s%n", served.url());
        }
        stopped.await();
        return 0;
    }
}
