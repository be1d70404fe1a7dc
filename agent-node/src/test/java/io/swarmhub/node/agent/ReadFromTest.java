package io.swarmhub.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmhub.protocol.v1.CampaignInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a joining node starts reading the swarm's log ({@link NodeAgent#readFrom}). */
class ReadFromTest {
    private static final long MARGIN = NodeAgent.CLOCK_MARGIN.toMillis();

    private static CampaignInfo launchedAt(long ms) {
        return CampaignInfo.newBuilder().setCampaignId("c" + ms).setUpdatedAtMs(ms).build();
    }

    @Test
    void earliestActiveLaunch_lessTheClockMargin() {
        long now = 10_000_000L;
        assertEquals(4_000_000L - MARGIN, NodeAgent.readFrom(List.of(launchedAt(7_000_000L), launchedAt(4_000_000L)), now));
    }

    @Test
    void noActiveCampaign_now_lessTheClockMargin() {
        assertEquals(10_000_000L - MARGIN, NodeAgent.readFrom(List.of(), 10_000_000L));
    }

    @Test
    void launchTimeUnknown_fromTheBeginning() {
        // a coordinator that does not stamp launches: 1 ms, i.e. every record the log holds
        assertEquals(1L, NodeAgent.readFrom(List.of(launchedAt(0)), 10_000_000L));
    }
}
