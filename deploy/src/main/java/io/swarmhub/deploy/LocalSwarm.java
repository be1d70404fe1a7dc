package io.swarmhub.deploy;

import io.grpc.ManagedChannel;
import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.coordinator.api.HttpApi;
import io.swarmhub.deploy.broker.EmbeddedBroker;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.agent.BaseBundle;
import io.swarmhub.node.agent.HardwareProbe;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.node.metrics.MetricsServer;
import io.swarmhub.node.metrics.NodeMetrics;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.CampaignState;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.ListCampaignsRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A whole swarm in one process, as {@code swarm up} runs it: the embedded broker (or an external
 * cluster), the coordinator, and N nodes, each with its own data directory, Kafka bus and
 * {@code /metrics} port (a free one).
 * Components start in order and stop in reverse; the same data directory resumes.
 */
public final class LocalSwarm implements AutoCloseable {
    private final Path dataDir;
    private final int nodeCount;
    private final int slots;
    private final String policy;
    private final long seed;
    private volatile boolean rebase = true;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<NodeAgent> nodes = new ArrayList<>();
    private final List<KafkaBus> buses = new ArrayList<>();
    private final List<NodeMetrics> nodeMetrics = new ArrayList<>();
    private final List<MetricsServer> metricsServers = new ArrayList<>();
    private EmbeddedBroker broker;
    private Coordinator coordinator;
    private String bootstrap;
    private ManagedChannel channel;
    private HttpApi http;
    private long startNanos;
    private long startCount = -1;
    private boolean closed;

    public LocalSwarm(Path dataDir, int nodes, int slots, String policy, long seed) {
        this.dataDir = dataDir;
        this.nodeCount = nodes;
        this.slots = slots;
        this.policy = policy;
        this.seed = seed;
    }

    /** Whether nodes started from now on rebase their superseded improvements onto adopted findings (default: yes). */
    public LocalSwarm rebase(boolean on) {
        this.rebase = on;
        return this;
    }

    /** Starts the broker (unless {@code kafka} names a cluster) and the coordinator. */
    public synchronized LocalSwarm start(String kafka, int brokerPort, int grpcPort) throws Exception {
        return start(kafka, brokerPort, grpcPort, 0);
    }

    /** As {@link #start(String, int, int)}, with the HTTP JSON API on {@code httpPort} (0: any free port). */
    public synchronized LocalSwarm start(String kafka, int brokerPort, int grpcPort, int httpPort) throws Exception {
        startNanos = System.nanoTime();
        if (kafka == null) {
            broker = EmbeddedBroker.start(dataDir.resolve("broker"), brokerPort);
            started.push(broker);
            bootstrap = broker.bootstrapServers();
        } else {
            bootstrap = kafka;
        }
        coordinator = Coordinator.start(Config.of(bootstrap, grpcPort, dataDir.resolve("coordinator")));
        started.push(coordinator);
        channel = io.swarmhub.protocol.CoordinatorChannels.plaintext(coordinatorAddress());
        started.push(() -> {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        });
        http = HttpApi.start("127.0.0.1", httpPort, channel);
        started.push(http);
        http.mount("/metrics", coordinator.metrics().httpHandler());
        return this;
    }

    /** Launches the campaign, or finds it already active (same name) from an earlier run; then starts the nodes. */
    public synchronized String launch(Campaign campaign, Path campaignFile) throws Exception {
        CoordinatorGrpc.CoordinatorBlockingStub stub = stub();
        String id = null;
        for (CampaignInfo c : stub.listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaignsList()) {
            if (c.getState() == CampaignState.ACTIVE && c.getCampaign().getName().equals(campaign.getName())) {
                id = c.getCampaignId();
            }
        }
        if (id == null) {
            BaseBundle bundle = BaseBundle.of(Path.of(campaign.getWorkspace().getRepo()));
            id = stub.launchCampaign(bundle.launchRequest(campaign).build()).getCampaignId();
        }
        startNodes(RatchetListener.NONE);
        return id;
    }

    /** Starts the nodes (normally done by {@link #launch}). */
    public synchronized void startNodes(RatchetListener listener) {
        if (!nodes.isEmpty()) {
            return;
        }
        Hardware hardware = HardwareProbe.system().probe();
        if (System.getProperty("swarm.djl.cache") == null) {
            // One native-library cache (~430 MB) for all nodes of this swarm, under its data directory.
            System.setProperty("swarm.djl.cache", dataDir.resolve("djl-cache").toAbsolutePath().toString());
        }
        for (int i = 1; i <= nodeCount; i++) {
            Path dir = dataDir.resolve("nodes").resolve("node-" + i);
            KafkaBus bus = new KafkaBus(bootstrap, dir.resolve("outbox"));
            buses.add(bus);
            started.push(bus);
            NodeMetrics metrics = new NodeMetrics("node-" + i, bus::pending, Clock.systemUTC())
                .consumerLag(io.swarmhub.node.swarm.SwarmFeed.topics(), bus::consumerLag);
            nodeMetrics.add(metrics);
            try {
                MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics::scrape);
                metricsServers.add(server);
                started.push(server);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve node-" + i + "'s /metrics: " + e.getMessage(), e);
            }
            NodeAgent agent = new NodeAgent(new NodeAgent.Config("node-" + i, slots, dir, policy, Duration.ofSeconds(2),
                    seed * 1000 + i, rebase), channel, bus, hardware, Clock.systemUTC(), listener, metrics);
            nodes.add(agent);
            started.push(agent);
            agent.start();
        }
    }

    public CoordinatorGrpc.CoordinatorBlockingStub stub() {
        return CoordinatorGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public String coordinatorAddress() {
        return "127.0.0.1:" + coordinator.grpcPort();
    }

    /** The HTTP address (JSON API, web UI, {@code /metrics}), e.g. {@code http://127.0.0.1:7441}. */
    public String httpAddress() {
        return "http://127.0.0.1:" + http.port();
    }

    /** Each node's metrics, in node order. */
    public List<NodeMetrics> nodeMetrics() {
        return nodeMetrics;
    }

    /** Each node's /metrics address (e.g. {@code http://127.0.0.1:40123/metrics}), in node order. */
    public List<String> nodeMetricsUrls() {
        return metricsServers.stream().map(MetricsServer::url).toList();
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    public List<NodeAgent> nodes() {
        return nodes;
    }

    public List<KafkaBus> buses() {
        return buses;
    }

    /** One line on the campaign's progress, from the coordinator's tree. */
    public String statusLine(String campaignId) {
        try {
            CampaignInfo c = stub().getCampaign(GetCampaignRequest.newBuilder().setCampaignId(campaignId).build()).getCampaign();
            if (startCount < 0) {
                startCount = c.getExperiments();
                startNanos = System.nanoTime();
            }
            double minutes = Math.max(1e-9, (System.nanoTime() - startNanos) / 60e9);
            long pending = buses.stream().mapToLong(KafkaBus::pending).sum();
            return String.format(Locale.ROOT, "swarm: %d experiments | %d kept | best %s %s | %d node(s) | %.1f experiments/min%s",
                    c.getExperiments(), c.getCountsByStatusOrDefault("KEEP", 0),
                    c.getCampaign().getGoal().getMetric(),
                    c.getBestExperimentId().isEmpty() ? "-" : String.format(Locale.ROOT, "%.6g", c.getBestMetric()),
                    nodes.size(), (c.getExperiments() - startCount) / minutes, pending > 0 ? " | " + pending + " event(s) in outboxes" : "");
        } catch (RuntimeException e) {
            return "swarm: coordinator not answering: " + e.getMessage();
        }
    }

    /** Stops the nodes (running experiments are recorded as LOST), lets the outboxes drain briefly, then the rest. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        nodes.parallelStream().forEach(NodeAgent::close);
        for (KafkaBus bus : buses) {
            try {
                bus.awaitDrained(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("swarm: while stopping: " + e.getMessage());
            }
        }
    }
}
