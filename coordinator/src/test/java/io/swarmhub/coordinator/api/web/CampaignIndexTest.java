package io.swarmhub.coordinator.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class CampaignIndexTest {
    private static final int DISCARD = 2;

    private static void add(CampaignIndex index, String id, String parent, int status, double metric) {
        index.add(new CampaignIndex.Entry(id, parent, status, metric, 1000 + index.size(), "node-" + (index.size() % 3),
                "mutation", "try " + id));
    }

    @Test
    void progress_thinnedPastMax_keepsEveryKeep() {
        CampaignIndex index = new CampaignIndex(true);
        add(index, "base", "", CampaignIndex.KEEP, 100);
        for (int i = 0; i < 1000; i++) {
            add(index, "d" + i, "base", DISCARD, 200 + i);
            if (i % 100 == 0) {
                add(index, "k" + i, "base", CampaignIndex.KEEP, 99 - i / 100.0);
            }
        }
        CampaignIndex.Progress p = index.progress(0, 100, false);
        long keeps = p.points().stream().filter(pt -> pt.status() == CampaignIndex.KEEP).count();
        assertEquals(11, keeps, "every KEEP stays");
        assertTrue(p.points().size() <= 100 + 1, "thinned to about max: " + p.points().size());
        assertTrue(p.sampled());
        assertEquals(index.size(), p.nextCursor());
        assertEquals(3, p.nodes().size());

        CampaignIndex.Progress all = index.progress(0, 100_000, false);
        assertEquals(index.size(), all.points().size());
        assertFalse(all.sampled());
        CampaignIndex.Progress tail = index.progress(index.size() - 5, 100, false);
        assertEquals(5, tail.points().size());
        assertEquals(index.size() - 5, tail.points().get(0).position());
        assertEquals(11, index.progress(0, 100, true).points().size(), "keeps only");
    }

    @Test
    void children_bestLineageFirstThenKeepsByMetricThenArrival() {
        CampaignIndex index = new CampaignIndex(true);
        add(index, "base", "", CampaignIndex.KEEP, 10);
        add(index, "d1", "base", DISCARD, 11);
        add(index, "k5", "base", CampaignIndex.KEEP, 5);
        add(index, "k7", "base", CampaignIndex.KEEP, 7);
        add(index, "d2", "base", DISCARD, 12);
        add(index, "k6", "base", CampaignIndex.KEEP, 6);
        add(index, "k7a", "k7", CampaignIndex.KEEP, 1); // the best hangs under k7, not under k5

        CampaignIndex.ChildPage page = index.children("base", 0, 10);
        assertEquals(List.of("k7", "k5", "k6", "d1", "d2"), page.items().stream().map(i -> i.entry().id()).toList());
        assertTrue(page.items().get(0).onBestLineage());
        assertFalse(page.items().get(1).onBestLineage());
        assertEquals(1, page.items().get(0).children());
        assertEquals(5, page.total());
        assertEquals(List.of("k6", "d1"), index.children("base", 2, 2).items().stream().map(i -> i.entry().id()).toList());
        assertEquals(List.of("base"), index.children("", 0, 10).items().stream().map(i -> i.entry().id()).toList());
        assertThrows(NoSuchElementException.class, () -> index.children("nope", 0, 10));
        assertEquals("k7a", index.best().orElseThrow().entry().id());
    }

    @Test
    void findings_maximize_rankHighestFirstAndEarliestOnTie() {
        CampaignIndex index = new CampaignIndex(false);
        add(index, "base", "", CampaignIndex.KEEP, 1);
        add(index, "a", "base", CampaignIndex.KEEP, 3);
        add(index, "b", "base", CampaignIndex.KEEP, 3);
        add(index, "c", "a", CampaignIndex.KEEP, 2);
        add(index, "nan", "a", CampaignIndex.KEEP, Double.NaN);
        add(index, "d", "a", DISCARD, 9);
        add(index, "a", "base", CampaignIndex.KEEP, 100); // a repeated id is ignored
        assertEquals(List.of("a", "b", "c"), index.findings(3).stream().map(i -> i.entry().id()).toList());
        assertEquals(4, index.findings(100).size(), "NaN metrics and discards are no findings");
        assertEquals("a", index.best().orElseThrow().entry().id());
        assertEquals(6, index.size());
    }

    @Test
    void add_longDescription_isShortened() {
        CampaignIndex index = new CampaignIndex(true);
        index.add(new CampaignIndex.Entry("x", "", DISCARD, 1, 0, "n", "p", "y".repeat(10_000)));
        String d = index.children("", 0, 1).items().get(0).entry().description();
        assertEquals(CampaignIndex.DESCRIPTION_CHARS, d.length());
        assertTrue(d.endsWith("…"));
    }
}
