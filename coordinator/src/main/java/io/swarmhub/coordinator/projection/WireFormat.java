package io.swarmhub.coordinator.projection;

import io.swarmhub.coordinator.campaign.CampaignEntry;
import io.swarmhub.coordinator.campaign.CampaignState;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.coordinator.tree.Hardware;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Maps between the protobuf messages at the edges and the core's records. Mapping is lossless
 * for every field the core keeps, so {@code toEvent(toExperiment(e))} equals {@code e} up to the
 * schema stamp.
 */
public final class WireFormat {
    private WireFormat() {
    }

    /** The core record of an experiment event; throws {@link IllegalArgumentException} if unusable. */
    public static Experiment toExperiment(ExperimentEvent e) {
        return new Experiment(e.getId(), e.getCampaignId(), e.getParentId(), e.getNodeId(), e.getSlot(),
                toHardware(e.getHardware()), e.getProposer(), e.getDescription(), e.getPatch(),
                e.getPatchSha256(), toStatus(e.getId(), e.getStatus()), e.getMetricsMap(), e.getMetric(),
                e.getSeconds(), e.getStartedAtMs(), e.getFinishedAtMs(), e.getCommit(), e.getLogTail(),
                e.getMessage(), e.getMemoryGb(), e.getLineagePatch());
    }

    /** The experiment as an event, stamped with the current schema version. */
    public static ExperimentEvent toEvent(Experiment x) {
        return ExperimentEvent.newBuilder()
                .setSchema(EventCodec.CURRENT)
                .setId(x.id())
                .setCampaignId(x.campaignId())
                .setParentId(x.parentId())
                .setNodeId(x.nodeId())
                .setSlot(x.slot())
                .setHardware(toProto(x.hardware()))
                .setProposer(x.proposer())
                .setDescription(x.description())
                .setPatch(x.patch())
                .setPatchSha256(x.patchSha256())
                .setStatus(ExperimentStatus.valueOf(x.status().name()))
                .putAllMetrics(x.metrics())
                .setMetric(x.metric())
                .setSeconds(x.seconds())
                .setStartedAtMs(x.startedAtMs())
                .setFinishedAtMs(x.finishedAtMs())
                .setCommit(x.commit())
                .setLogTail(x.logTail())
                .setMessage(x.message())
                .setMemoryGb(x.memoryGb())
                .setLineagePatch(x.lineagePatch())
                .build();
    }

    /** The experiment without its patches and log tail, for light pages. */
    public static ExperimentEvent toSummary(Experiment x) {
        return toEvent(x).toBuilder().clearPatch().clearLineagePatch().clearLogTail().build();
    }

    /** The core record of hardware. */
    public static Hardware toHardware(io.swarmhub.protocol.v1.Hardware h) {
        return new Hardware(h.getCpuModel(), h.getCores(), h.getMemoryBytes(), h.getGpusList(), h.getDevice());
    }

    /** Hardware as its protobuf message. */
    public static io.swarmhub.protocol.v1.Hardware toProto(Hardware h) {
        return io.swarmhub.protocol.v1.Hardware.newBuilder()
                .setCpuModel(h.cpuModel())
                .setCores(h.cores())
                .setMemoryBytes(h.memoryBytes())
                .addAllGpus(h.gpus())
                .setDevice(h.device())
                .build();
    }

    /** The registry entry of a campaign event; throws {@link IllegalArgumentException} if unusable. */
    public static CampaignEntry<Campaign> toCampaignEntry(CampaignEvent e) {
        CampaignState state = switch (e.getState()) {
            case ACTIVE -> CampaignState.ACTIVE;
            case STOPPED -> CampaignState.STOPPED;
            default -> throw new IllegalArgumentException(
                    "campaign event for " + e.getCampaignId() + " has no state (" + e.getStateValue() + ")");
        };
        Campaign c = e.getCampaign();
        return new CampaignEntry<>(e.getCampaignId(), c.getName(), direction(c), state, e.getAtMs(),
                e.getBaseCommit(), c);
    }

    /** The campaign's goal direction; an unspecified direction minimizes. */
    public static Direction direction(Campaign c) {
        return c.getGoal().getDirection() == io.swarmhub.protocol.v1.Direction.MAXIMIZE
                ? Direction.MAXIMIZE : Direction.MINIMIZE;
    }

    /** The campaign as the API shows it, with a summary of its tree when it has one. */
    public static CampaignInfo toInfo(CampaignEntry<Campaign> entry, Optional<ExperimentTree> tree) {
        CampaignInfo.Builder b = CampaignInfo.newBuilder()
                .setCampaignId(entry.id())
                .setCampaign(entry.definition())
                .setState(entry.active() ? io.swarmhub.protocol.v1.CampaignState.ACTIVE
                        : io.swarmhub.protocol.v1.CampaignState.STOPPED)
                .setUpdatedAtMs(entry.updatedAtMs())
                .setBaseCommit(entry.baseCommit());
        tree.ifPresent(t -> {
            b.setExperiments(t.size());
            for (Map.Entry<Status, Long> count : t.countsByStatus().entrySet()) {
                b.putCountsByStatus(count.getKey().name(), count.getValue());
            }
            t.best(entry.direction()).ifPresent(best ->
                    b.setBestExperimentId(best.id()).setBestMetric(best.metric()));
        });
        return b.build();
    }

    private static Status toStatus(String id, ExperimentStatus s) {
        return switch (s) {
            case KEEP -> Status.KEEP;
            case DISCARD -> Status.DISCARD;
            case CRASH -> Status.CRASH;
            case TIMEOUT -> Status.TIMEOUT;
            case INVALID -> Status.INVALID;
            case LOST -> Status.LOST;
            default -> throw new IllegalArgumentException("experiment " + id + " has no status");
        };
    }
}
