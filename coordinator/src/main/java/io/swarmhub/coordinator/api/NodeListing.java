package io.swarmhub.coordinator.api;

import io.swarmhub.coordinator.node.NodeLease;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.WireFormat;
import io.swarmhub.coordinator.tree.Contribution;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.protocol.v1.ListNodesResponse;
import io.swarmhub.protocol.v1.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Joins node leases with what each node contributed to the tree into {@link NodeInfo}s. */
final class NodeListing {
    private NodeListing() {
    }

    static ListNodesResponse list(NodeRegistry registry, ExperimentForest forest, String campaignId) {
        Map<String, Contribution> work = new HashMap<>();
        for (String id : forest.campaignIds()) {
            if (!campaignId.isEmpty() && !campaignId.equals(id)) {
                continue;
            }
            forest.tree(id).ifPresent(t -> t.contributionsByNode().forEach(c -> work.merge(c.key(), c, Contribution::plus)));
        }
        Map<String, NodeInfo.Builder> out = new HashMap<>();
        for (NodeLease lease : registry.known()) {
            out.put(lease.nodeId(), NodeInfo.newBuilder().setNodeId(lease.nodeId())
                    .setHardware(WireFormat.toProto(lease.hardware()))
                    .setSlots(lease.slots())
                    .setLive(registry.isLive(lease))
                    .setRegisteredAtMs(lease.registeredAt().toEpochMilli())
                    .setLastSeenMs(registry.lastSeen(lease).toEpochMilli()));
        }
        for (Contribution c : work.values()) {
            if (c.key().isEmpty()) {
                continue;
            }
            NodeInfo.Builder b = out.computeIfAbsent(c.key(), k -> NodeInfo.newBuilder().setNodeId(k));
            b.setExperiments(c.experiments()).setKept(c.kept())
                    .setFirstFinishedAtMs(c.firstFinishedMs()).setLastFinishedAtMs(c.lastFinishedMs())
                    .setExperimentsPerHour(perHour(c))
                    .setLastSeenMs(Math.max(b.getLastSeenMs(), c.lastFinishedMs()));
        }
        List<NodeInfo> nodes = new ArrayList<>();
        out.values().forEach(b -> nodes.add(b.build()));
        nodes.sort(Comparator.comparingLong(NodeInfo::getLastSeenMs).reversed().thenComparing(NodeInfo::getNodeId));
        return ListNodesResponse.newBuilder().addAllNodes(nodes).build();
    }

    /** Experiments per hour over the span of the node's finishes (at least one minute). */
    private static double perHour(Contribution c) {
        double hours = Math.max(60_000, c.lastFinishedMs() - c.firstFinishedMs()) / 3_600_000.0;
        return c.experiments() / hours;
    }
}
