package io.swarmhub.coordinator.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The web UI's per-campaign indexes are bounded: least recently viewed and idle ones are dropped and rebuilt on the next view. */
class CampaignIndexesTest {
    @Test
    void current_boundedByCountAndIdleTime_rebuildsADroppedIndexInFull() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (WebFixture web = new WebFixture()) {
            String a = web.launch("a", Direction.MINIMIZE);
            String b = web.launch("b", Direction.MINIMIZE);
            String c = web.launch("c", Direction.MINIMIZE);
            for (String campaign : new String[] {a, b, c}) {
                web.apply(campaign, campaign + "-1", "", ExperimentStatus.KEEP, 10);
                web.apply(campaign, campaign + "-2", campaign + "-1", ExperimentStatus.DISCARD, 11);
            }
            CampaignIndexes indexes = new CampaignIndexes(web.stub, 2, Duration.ofMinutes(30), nanos::get);

            CampaignIndex first = indexes.current(a);
            assertSame(first, indexes.current(a), "a viewed campaign's index is kept");
            indexes.current(b);
            indexes.current(c);
            assertEquals(2, indexes.held(), "at most 2 kept");

            nanos.addAndGet(Duration.ofMinutes(31).toNanos());
            assertEquals(0, indexes.held(), "idle ones are dropped");
            web.apply(a, a + "-3", a + "-1", ExperimentStatus.DISCARD, 12);
            CampaignIndex again = indexes.current(a);
            assertNotSame(first, again);
            assertEquals(3, again.size(), "rebuilt with everything the coordinator holds");
        }
    }
}
