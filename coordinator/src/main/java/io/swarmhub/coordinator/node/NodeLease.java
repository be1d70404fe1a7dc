package io.swarmhub.coordinator.node;

import io.swarmhub.coordinator.tree.Hardware;
import java.time.Instant;
import java.util.Objects;

/** A registered node, what it offers, and until when its lease holds without a heartbeat. */
public record NodeLease(String nodeId, Hardware hardware, int slots, Instant registeredAt, Instant expiresAt) {
    public NodeLease {
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        if (slots < 0) {
            throw new IllegalArgumentException("node " + nodeId + ": slots must be >= 0");
        }
        hardware = hardware == null ? Hardware.UNKNOWN : hardware;
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the lease has run out at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
