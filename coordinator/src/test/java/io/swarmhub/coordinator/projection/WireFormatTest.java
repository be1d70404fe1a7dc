package io.swarmhub.coordinator.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmhub.coordinator.campaign.CampaignState;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignEvent;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.SchemaVersion;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    static ExperimentEvent full() {
        return ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId("01J").setCampaignId("c")
                .setParentId("p").setNodeId("n").setSlot(3)
                .setHardware(Hardware.newBuilder().setCpuModel("cpu").setCores(4).setMemoryBytes(1 << 30)
                        .addGpus("A100").setDevice("cuda:0"))
                .setProposer("llm").setDescription("d").setPatch("patch").setPatchSha256("sha")
                .setStatus(ExperimentStatus.KEEP).putMetrics("val", 0.5).putMetrics("mem", 2).setMetric(0.5)
                .setSeconds(60).setStartedAtMs(1).setFinishedAtMs(2).setCommit("abc").setLogTail("tail")
                .setMessage("m").setMemoryGb(1.5).setLineagePatch("whole change").build();
    }

    @Test
    void toEvent_ofToExperiment_isLossless() {
        ExperimentEvent e = full();
        assertEquals(e, WireFormat.toEvent(WireFormat.toExperiment(e)));
        assertEquals("", WireFormat.toSummary(WireFormat.toExperiment(e)).getLineagePatch());
    }

    @Test
    void toExperiment_withoutStatus_isRejected() {
        ExperimentEvent e = full().toBuilder().setStatus(ExperimentStatus.STATUS_UNSPECIFIED).build();
        assertThrows(IllegalArgumentException.class, () -> WireFormat.toExperiment(e));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.toExperiment(full().toBuilder().clearId().build()));
    }

    @Test
    void toCampaignEntry_readsDirectionAndState() {
        var entry = WireFormat.toCampaignEntry(CampaignEvent.newBuilder().setCampaignId("c")
                .setCampaign(Campaign.newBuilder().setName("n").setGoal(Goal.newBuilder()
                        .setDirection(io.swarmhub.protocol.v1.Direction.MAXIMIZE)))
                .setState(io.swarmhub.protocol.v1.CampaignState.STOPPED).build());
        assertEquals(Direction.MAXIMIZE, entry.direction());
        assertEquals(CampaignState.STOPPED, entry.state());
        assertThrows(IllegalArgumentException.class, () -> WireFormat.toCampaignEntry(
                CampaignEvent.newBuilder().setCampaignId("c").build()));
    }
}
