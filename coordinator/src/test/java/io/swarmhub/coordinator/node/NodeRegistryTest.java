package io.swarmhub.coordinator.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.MutableClock;
import io.swarmhub.coordinator.tree.Hardware;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final NodeRegistry nodes = new NodeRegistry(clock, Duration.ofSeconds(30));
    private final Hardware hw = new Hardware("cpu", 8, 1L << 34, List.of(), "cpu");

    @Test
    void renew_beforeExpiry_extendsTheLease() {
        nodes.register("n1", hw, 2);
        clock.advance(Duration.ofSeconds(20));
        NodeLease lease = nodes.renew("n1").orElseThrow();
        assertEquals(clock.instant().plusSeconds(30), lease.expiresAt());
        clock.advance(Duration.ofSeconds(20));
        assertTrue(nodes.renew("n1").isPresent());
        assertEquals(2, nodes.live().get(0).slots());
    }

    @Test
    void renew_afterExpiry_isEmptyUntilRegisteredAgain() {
        nodes.register("n1", hw, 1);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(nodes.renew("n1").isEmpty());
        assertTrue(nodes.live().isEmpty());
        nodes.register("n1", hw, 1);
        assertTrue(nodes.renew("n1").isPresent());
    }

    @Test
    void renew_unknownNode_isEmpty() {
        assertTrue(nodes.renew("ghost").isEmpty());
    }

    @Test
    void live_dropsOnlyExpiredNodes() {
        nodes.register("old", hw, 1);
        clock.advance(Duration.ofSeconds(20));
        nodes.register("new", hw, 1);
        clock.advance(Duration.ofSeconds(15));
        assertEquals(List.of("new"), nodes.live().stream().map(NodeLease::nodeId).toList());
    }
}
