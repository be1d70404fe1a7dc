package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExperimentIdTest {
    @Test
    void next_sortedUniqueWithinOneMillisecond() {
        ExperimentId ids = new ExperimentId(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC), new Random(1));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted);
        assertEquals(made.size(), new HashSet<>(made).size());
        assertTrue(made.stream().allMatch(ExperimentId::isValid));
    }

    @Test
    void next_laterTimeSortsLater() {
        ExperimentId a = new ExperimentId(Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC), new Random(1));
        ExperimentId b = new ExperimentId(Clock.fixed(Instant.ofEpochMilli(1001), ZoneOffset.UTC), new Random(2));
        assertTrue(a.next().compareTo(b.next()) < 0);
    }
}
