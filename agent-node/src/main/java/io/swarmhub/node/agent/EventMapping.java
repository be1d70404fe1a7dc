package io.swarmhub.node.agent;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.node.Patches;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FindingEvent;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.SchemaVersion;

/** Experiments and findings between the node's records and the Kafka events (protobuf at this edge only). */
public final class EventMapping {
    private EventMapping() {
    }

    /** The event for an experiment this node recorded. */
    public static ExperimentEvent toEvent(Experiment e, String campaignId, int slot, Hardware hardware, long finishedAtMs) {
        ExperimentEvent.Builder b = ExperimentEvent.newBuilder()
                .setSchema(SchemaVersion.SCHEMA_V1)
                .setId(e.id())
                .setCampaignId(campaignId)
                .setParentId(e.parentId())
                .setNodeId(e.node())
                .setSlot(slot)
                .setHardware(hardware)
                .setProposer(e.proposer())
                .setDescription(e.description())
                .setPatch(e.patch())
                .setPatchSha256(Patches.sha256(e.patch()))
                .setStatus(ExperimentStatus.valueOf(e.status().name()))
                .putAllMetrics(e.metrics())
                .setMetric(e.metric())
                .setSeconds(e.seconds())
                .setStartedAtMs(e.startedAtMs())
                .setFinishedAtMs(finishedAtMs)
                .setCommit(e.commit())
                .setLogTail(e.logTail())
                .setMessage(e.message())
                .setLineagePatch(e.lineagePatch());
        if (Double.isFinite(e.memoryGb())) {
            b.setMemoryGb(e.memoryGb());
        }
        return b.build();
    }

    /** The finding event for a kept experiment. */
    public static FindingEvent toFinding(ExperimentEvent kept, long publishedAtMs) {
        return FindingEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setExperiment(kept)
                .setPublishedAtMs(publishedAtMs).build();
    }

    /** A finding heard on the findings topic, as the loop uses it. */
    public static Finding fromFinding(FindingEvent f) {
        ExperimentEvent e = f.getExperiment();
        return new Finding(e.getId(), e.getCampaignId(), e.getNodeId(), e.getMetric(), e.getDescription(),
                e.getLineagePatch(), f.getPublishedAtMs(), e.getParentId(), e.getPatch());
    }

    /** A kept experiment from the coordinator's tree, as a finding the loop can adopt. */
    public static Finding fromKept(ExperimentEvent e) {
        return new Finding(e.getId(), e.getCampaignId(), e.getNodeId(), e.getMetric(), e.getDescription(),
                e.getLineagePatch(), e.getFinishedAtMs(), e.getParentId(), e.getPatch());
    }
}
