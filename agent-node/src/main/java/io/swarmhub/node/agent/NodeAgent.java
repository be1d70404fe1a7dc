package io.swarmhub.node.agent;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.swarmhub.node.FindingBoard;
import io.swarmhub.node.KeepRule;
import io.swarmhub.node.ParentPolicy;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.SwarmView;
import io.swarmhub.node.propose.ThreeWayMerge;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FetchWorkspaceRequest;
import io.swarmhub.protocol.v1.FetchWorkspaceResponse;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.HeartbeatRequest;
import io.swarmhub.protocol.v1.HeartbeatResponse;
import io.swarmhub.protocol.v1.RegisterNodeRequest;
import io.swarmhub.protocol.v1.RegisterNodeResponse;
import io.swarmhub.protocol.v1.SuggestParentRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A donated machine in the swarm: registers with the coordinator (hardware, slots), keeps its
 * lease with heartbeats, takes up the active campaigns (one loop per slot, slots shared out
 * round-robin), publishes through the swarm bus and learns from it (adoption, duplicates).
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    /**
     * How a node runs. {@code policy}: own-best, adopt (default) or coordinator. {@code rebase}:
     * after adopting a peer's finding, retry the loop's own superseded improvement on top of it.
     */
    public record Config(String nodeId, int slots, Path dataDir, String policy, Duration heartbeat, long seed,
                         boolean rebase) {
        public Config {
            if (slots < 1) {
                throw new IllegalArgumentException("--slots must be at least 1");
            }
            if (!List.of("own-best", "adopt", "coordinator").contains(policy)) {
                throw new IllegalArgumentException("unknown parent policy '" + policy + "'; use own-best, adopt or coordinator");
            }
        }

        /** With rebase on (the default). */
        public Config(String nodeId, int slots, Path dataDir, String policy, Duration heartbeat, long seed) {
            this(nodeId, slots, dataDir, policy, heartbeat, seed, true);
        }
    }

    /** How many recent peer findings the proposers see (crossover, the LLM prompt). */
    private static final int RECENT_FINDINGS = 20;
    /** How far two clocks of a swarm (a node's, the coordinator's) may disagree before a joining node misses events. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private final Config config;
    private final CoordinatorGrpc.CoordinatorBlockingStub coordinator;
    private final SwarmBus bus;
    private final Clock clock;
    private final Hardware hardware;
    private final RatchetListener listener;
    private final NodeListener events;
    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final Map<Integer, SlotRunner> slots = new ConcurrentHashMap<>();
    private final Set<String> triedAnywhere = ConcurrentHashMap.newKeySet();
    private final FindingBoard board;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile String nodeId;
    private volatile boolean coordinatorDown;
    private volatile boolean closed;

    public NodeAgent(Config config, Channel coordinatorChannel, SwarmBus bus, Hardware hardware, Clock clock,
                     RatchetListener listener) {
        this(config, coordinatorChannel, bus, hardware, clock, listener, NodeListener.NONE);
    }

    /** A node whose dealings with the swarm are also told to {@code events} (metrics). */
    public NodeAgent(Config config, Channel coordinatorChannel, SwarmBus bus, Hardware hardware, Clock clock,
                     RatchetListener listener, NodeListener events) {
        this.events = events;
        this.config = config;
        this.coordinator = CoordinatorGrpc.newBlockingStub(coordinatorChannel);
        this.bus = bus;
        this.clock = clock;
        this.hardware = hardware;
        this.listener = listener;
        this.board = new FindingBoard(this::ruleOf);
    }

    /**
     * Registers, subscribes to the swarm from its active campaigns' launch on (see {@link #readFrom}),
     * starts heartbeats and the slot loops.
     */
    public NodeAgent start() {
        RegisterNodeResponse r = register();
        bus.subscribe(readFrom(r.getActiveCampaignsList(), clock.millis()), f -> {
            board.add(EventMapping.fromFinding(f));
            events.findingHeard(f, clock.millis());
        },
                e -> triedAnywhere.add(e.getCampaignId() + "|" + e.getParentId() + "|" + e.getPatchSha256()));
        reconcile(r.getActiveCampaignsList().stream().map(c -> c.getCampaignId()).toList());
        long every = config.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Where a joining node starts reading the swarm's log: at the launch of the earliest campaign
     * active now (or now, when none is: a campaign launched later comes later), less {@link
     * #CLOCK_MARGIN} for clocks that disagree (launch times are the coordinator's, record times the
     * publishers'). Everything a node uses from the log (findings to adopt, experiments to skip)
     * belongs to an active campaign, and a campaign's events all follow its launch; the topics also
     * hold every campaign the swarm ever ran, which made each join read more as the swarm aged.
     */
    static long readFrom(List<io.swarmhub.protocol.v1.CampaignInfo> active, long nowMs) {
        long launched = active.stream().mapToLong(io.swarmhub.protocol.v1.CampaignInfo::getUpdatedAtMs).min().orElse(nowMs);
        return Math.max(1, launched - CLOCK_MARGIN.toMillis());
    }

    public String nodeId() {
        return nodeId;
    }

    /** Campaign ids with a running loop, by slot. */
    public Map<Integer, String> running() {
        Map<Integer, String> out = new java.util.TreeMap<>();
        slots.forEach((i, s) -> {
            if (s.isRunning()) {
                out.put(i, s.campaignId());
            }
        });
        return out;
    }

    public FindingBoard findings() {
        return board;
    }

    private RegisterNodeResponse register() {
        RegisterNodeRequest req = RegisterNodeRequest.newBuilder().setNodeId(config.nodeId()).setHardware(hardware)
                .setSlots(config.slots()).build();
        RegisterNodeResponse r = coordinator.withDeadlineAfter(30, TimeUnit.SECONDS).registerNode(req);
        nodeId = r.getNodeId();
        LOG.info("node {} registered: {} slot(s), {} active campaign(s)", nodeId, config.slots(), r.getActiveCampaignsCount());
        return r;
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        try {
            HeartbeatResponse h = coordinator.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .heartbeat(HeartbeatRequest.newBuilder().setNodeId(nodeId).build());
            if (coordinatorDown) {
                LOG.info("coordinator reachable again");
                coordinatorDown = false;
            }
            reconcile(h.getActiveCampaignIdsList());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                try {
                    register();
                } catch (StatusRuntimeException again) {
                    LOG.warn("cannot re-register with the coordinator: {}", again.getStatus());
                }
            } else if (!coordinatorDown) {
                coordinatorDown = true;
                LOG.warn("coordinator unreachable ({}); loops keep running, events wait in the outbox", e.getStatus().getCode());
            }
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    /** Shares the slots out over the active campaigns; stops loops of campaigns no longer active. */
    synchronized void reconcile(List<String> active) {
        if (closed) {
            return;
        }
        List<String> sorted = new ArrayList<>(active);
        sorted.sort(null);
        for (int i = 0; i < config.slots(); i++) {
            String want = sorted.isEmpty() ? null : sorted.get(i % sorted.size());
            SlotRunner current = slots.get(i);
            if (current != null && (!current.campaignId().equals(want))) {
                LOG.info("slot {} leaves campaign {}", i, current.campaignId());
                current.stop(30_000);
                slots.remove(i);
                current = null;
            }
            if (current == null && want != null) {
                try {
                    startSlot(i, want);
                } catch (RuntimeException e) {
                    LOG.warn("slot {} cannot take up campaign {}: {}", i, want, e.getMessage());
                }
            }
        }
    }

    private void startSlot(int slot, String campaignId) {
        Path campaignDir = config.dataDir().resolve("campaigns").resolve(campaignId);
        Path base = campaignDir.resolve("base");
        Campaign campaign = campaigns.get(campaignId);
        if (campaign == null || !Files.isDirectory(base)) {
            FetchWorkspaceResponse w = coordinator.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .fetchWorkspace(FetchWorkspaceRequest.newBuilder().setCampaignId(campaignId).build());
            campaign = w.getCampaign();
            if (!Files.isDirectory(base)) {
                new BaseBundle(w.getBaseBundle().toByteArray(), w.getBaseCommit()).unpackTo(base);
            }
            campaigns.put(campaignId, campaign);
        }
        KeepRule rule = ruleOf(campaignId);
        ParentPolicy policy = switch (config.policy()) {
            case "own-best" -> ParentPolicy.ownBest();
            case "coordinator" -> ParentPolicy.suggested(this::suggest, board, rule);
            default -> ParentPolicy.adopt(board, rule);
        };
        SwarmView view = new SwarmView(policy,
                (parent, sha) -> triedAnywhere.contains(campaignId + "|" + parent + "|" + sha),
                f -> {
                    LOG.info("{} slot {} adopted {} ({} {}) from {}", nodeId, slot, f.id(),
                            campaigns.get(campaignId).getGoal().getMetric(), f.metric(), f.node());
                    events.adopted(campaignId, f);
                }, c -> board.recent(c, RECENT_FINDINGS), config.rebase() ? ThreeWayMerge::merge : null);
        SlotRunner runner = new SlotRunner(campaignId, campaign, base, campaignDir.resolve("slot-" + slot), slot, nodeId,
                hardware.toBuilder().setDevice(HardwareProbe.deviceFor(slot, hardware.getGpusList())).build(),
                HardwareProbe.slotEnvironment(slot, config.slots(), hardware, config.dataDir()),
                told(bus.publisher()), view, config.seed() * 31 + slot, clock, listener);
        slots.put(slot, runner);
        runner.start();
        LOG.info("slot {} takes up campaign {} ({})", slot, campaignId, campaign.getName());
    }

    /** The bus's publisher, telling {@link #events} about each event it takes. */
    private SwarmLog.Publisher told(SwarmLog.Publisher publisher) {
        return new SwarmLog.Publisher() {
            @Override
            public void experiment(ExperimentEvent event) {
                publisher.experiment(event);
                events.experimentPublished(event);
            }

            @Override
            public void finding(FindingEvent event) {
                publisher.finding(event);
                events.findingPublished(event);
            }
        };
    }

    private Optional<String> suggest(String campaignId) {
        try {
            String id = coordinator.withDeadlineAfter(5, TimeUnit.SECONDS).suggestParent(SuggestParentRequest.newBuilder()
                    .setCampaignId(campaignId).setNodeId(nodeId).build()).getParentId();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    private KeepRule ruleOf(String campaignId) {
        Campaign c = campaigns.get(campaignId);
        if (c == null) {
            return null;
        }
        return new KeepRule(c.getGoal().getDirection() != Direction.MAXIMIZE, c.getKeep().getMinDelta());
    }

    /** Stops every loop (running experiments recorded as LOST), then the heartbeats; the bus is the caller's. */
    @Override
    public void close() {
        closed = true;
        heartbeats.shutdownNow();
        synchronized (this) {
            slots.values().forEach(s -> s.stop(30_000));
            slots.clear();
        }
    }
}
