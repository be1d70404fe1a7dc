package io.swarmhub.coordinator.node;

import io.swarmhub.coordinator.tree.Hardware;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The nodes that registered and keep heartbeating. A lease runs {@code leaseDuration} from the
 * last registration or heartbeat on the injected {@link Clock}; an expired node must register
 * again. The registry is in memory: after a coordinator restart every node re-registers.
 */
public final class NodeRegistry {
    private final Clock clock;
    private final Duration leaseDuration;
    private final HashMap<String, NodeLease> byId = new HashMap<>();
    private final HashMap<String, NodeLease> lastLeases = new HashMap<>();

    public NodeRegistry(Clock clock, Duration leaseDuration) {
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive");
        }
        this.clock = clock;
        this.leaseDuration = leaseDuration;
    }

    /** How long a lease lasts without a heartbeat. */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** Registers the node (again), replacing what it said before, and starts a fresh lease. */
    public synchronized NodeLease register(String nodeId, Hardware hardware, int slots) {
        Instant now = clock.instant();
        NodeLease lease = new NodeLease(nodeId, hardware, slots, now, now.plus(leaseDuration));
        byId.put(nodeId, lease);
        lastLeases.put(nodeId, lease);
        return lease;
    }

    /** Renews a live lease; empty when the node is unknown or its lease has expired. */
    public synchronized Optional<NodeLease> renew(String nodeId) {
        Instant now = clock.instant();
        NodeLease lease = byId.get(nodeId);
        if (lease == null || lease.expiredAt(now)) {
            byId.remove(nodeId);
            return Optional.empty();
        }
        NodeLease renewed = new NodeLease(nodeId, lease.hardware(), lease.slots(), lease.registeredAt(),
                now.plus(leaseDuration));
        byId.put(nodeId, renewed);
        lastLeases.put(nodeId, renewed);
        return Optional.of(renewed);
    }

    /**
     * Every node that registered since this coordinator started, with its latest lease (expired
     * or not); last seen is {@code expiresAt - leaseDuration}.
     */
    public synchronized List<NodeLease> known() {
        return new ArrayList<>(lastLeases.values());
    }

    /** When the node last registered or heartbeated, from its lease. */
    public Instant lastSeen(NodeLease lease) {
        return lease.expiresAt().minus(leaseDuration);
    }

    /** Whether the lease still holds now. */
    public boolean isLive(NodeLease lease) {
        return !lease.expiredAt(clock.instant());
    }

    /** The nodes whose leases hold now; expired ones are forgotten. */
    public synchronized List<NodeLease> live() {
        Instant now = clock.instant();
        byId.values().removeIf(l -> l.expiredAt(now));
        return new ArrayList<>(byId.values());
    }
}
