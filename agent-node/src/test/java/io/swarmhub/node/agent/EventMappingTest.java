package io.swarmhub.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Hardware;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kept experiment through the findings topic's event and back, as a peer's loop sees it. */
class EventMappingTest {
    @Test
    void finding_roundTrip_keepsWhatAdoptionAndRebaseNeed() {
        String patch = "diff --git a/p b/p\n--- a/p\n+++ b/p\n@@ -1 +1 @@\n-x = 1\n+x = 0\n";
        Experiment kept = new Experiment("e2", "e1", "c", "node-a", "mutation", "x 1 -> 0", patch, Status.KEEP,
                Map.of("loss", 0.5), 0.5, Double.NaN, 1.2, 1000, "abc", "", "", "lineage-" + patch);

        Finding f = EventMapping.fromFinding(EventMapping.toFinding(
                EventMapping.toEvent(kept, "c", 0, Hardware.getDefaultInstance(), 2200), 2300));

        assertEquals(new Finding("e2", "c", "node-a", 0.5, "x 1 -> 0", "lineage-" + patch, 2300, "e1", patch), f);
    }
}
