package io.swarmhub.coordinator.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.coordinator.MutableClock;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.campaign.CampaignState;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.protocol.v1.Campaign;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CampaignControlTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CampaignRegistry<Campaign> campaigns = new CampaignRegistry<>();
    private final MemoryBundleStore bundles = new MemoryBundleStore();
    private final MemoryCampaignLog log = new MemoryCampaignLog(
            new Projector(new ExperimentForest(100, Runnable::run), campaigns, bundles));
    private final CampaignControl control = new CampaignControl(campaigns, bundles, log,
            new UlidSource(clock, new Random(1)), clock);

    @Test
    void launch_withoutId_makesSlugIdAndStoresBundle() throws Exception {
        String id = control.launch(Campaign.newBuilder().setName("Char LM / CPU").build(), new byte[] {1}, "abc", "");
        assertTrue(id.matches("char-lm-cpu-[0-9a-z]{8}"), id);
        assertEquals(CampaignState.ACTIVE, campaigns.get(id).orElseThrow().state());
        assertEquals(1, bundles.get(id).orElseThrow()[0]);
    }

    @Test
    void launch_takenOrBadId_isRejected() {
        Campaign c = Campaign.newBuilder().setName("x").build();
        control.launch(c, new byte[0], "", "fixed");
        assertThrows(CampaignControl.AlreadyExistsException.class, () -> control.launch(c, new byte[0], "", "fixed"));
        assertThrows(IllegalArgumentException.class, () -> control.launch(c, new byte[0], "", "../x"));
        assertThrows(IllegalArgumentException.class, () -> control.launch(Campaign.getDefaultInstance(), new byte[0], "", ""));
    }

    @Test
    void stop_repeatsDefinitionAndBundle_forTheCompactedTopic() {
        String id = control.launch(Campaign.newBuilder().setName("x").build(), new byte[] {7}, "c0", "");
        assertEquals(CampaignState.STOPPED, control.stop(id).state());
        var stop = log.appended().get(1);
        assertEquals("x", stop.getCampaign().getName());
        assertEquals(7, stop.getBaseBundle().byteAt(0));
        assertEquals("c0", stop.getBaseCommit());
        control.stop(id);
        assertEquals(2, log.appended().size(), "stopping twice writes nothing");
    }
}
