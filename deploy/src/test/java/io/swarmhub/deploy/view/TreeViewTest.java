package io.swarmhub.deploy.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeViewTest {
    private static ExperimentRow row(String id, String parent, String status, double metric) {
        return new ExperimentRow(id, parent, status, metric, "node-1", "mutation", "change " + id, 0);
    }

    /** b(10) -> d1 d2 c1 k1(8) d3 ; k1 -> d4 k2(7) ; k2 -> d5 d6. */
    private static List<ExperimentRow> small() {
        return List.of(row("B", "", "KEEP", 10), row("D1", "B", "DISCARD", 11), row("D2", "B", "DISCARD", 10.5),
                row("C1", "B", "CRASH", Double.NaN), row("K1", "B", "KEEP", 8), row("D3", "B", "DISCARD", 12),
                row("D4", "K1", "DISCARD", 9), row("K2", "K1", "KEEP", 7), row("D5", "K2", "DISCARD", 7.5),
                row("D6", "K2", "TIMEOUT", Double.NaN));
    }

    @Test
    void render_foldsRunsOfNonKeepLeavesAndMarksTheBestLineage() {
        List<String> lines = TreeView.of(small(), true).render(TreeView.Options.plain());
        assertEquals(List.of(
                "* B        KEEP            10  node-1   mutation: change B",
                "├ … 2 discarded, 1 crashed (best 10.5)",
                "├ * K1       KEEP             8  node-1   mutation: change K1",
                "│ ├   D4       DISCARD          9  node-1   mutation: change D4",
                "│ └ * K2       KEEP             7  node-1   mutation: change K2",
                "│   └ … 1 discarded, 1 timed out (best 7.5)",
                "└   D3       DISCARD         12  node-1   mutation: change D3"), lines);
    }

    @Test
    void render_all_showsEveryExperiment() {
        List<String> lines = TreeView.of(small(), true).render(new TreeView.Options(0, true, 0, false, true));
        assertEquals(small().size(), lines.size());
        assertTrue(lines.stream().noneMatch(l -> l.contains("…")), String.join("\n", lines));
        assertEquals("|-  D1       DISCARD         11  node-1   mutation: change D1", lines.get(1));
    }

    @Test
    void render_depth_stopsWithACountOfWhatIsBelow() {
        List<String> one = TreeView.of(small(), true).render(new TreeView.Options(1, false, 0, false, false));
        assertEquals(2, one.size(), String.join("\n", one));
        assertEquals("└ … 9 more below (2 kept)", one.get(1));
        List<String> two = TreeView.of(small(), true).render(new TreeView.Options(2, false, 0, false, false));
        assertTrue(two.contains("│ └ … 4 more below (1 kept)"), String.join("\n", two));
        assertFalse(two.stream().anyMatch(l -> l.contains("K2")), String.join("\n", two));
    }

    @Test
    void best_followsTheGoalDirection() {
        List<ExperimentRow> rows = new ArrayList<>(small());
        rows.add(row("K3", "B", "KEEP", 11));
        TreeView min = TreeView.of(rows, true);
        TreeView max = TreeView.of(rows, false);
        assertEquals("K2", min.best().orElseThrow().id());
        assertEquals(List.of("B", "K1", "K2"), min.bestLineage());
        assertEquals("K3", max.best().orElseThrow().id());
        assertEquals(List.of("B", "K3"), max.bestLineage());
        assertTrue(max.render(TreeView.Options.plain()).contains("└ * K3       KEEP            11  node-1   mutation: change K3"));
        assertTrue(min.summary().startsWith("11 experiments, 4 kept; best * K2 7"), min.summary());
    }

    @Test
    void render_bold_wrapsOnlyTheBestLineage() {
        List<String> lines = TreeView.of(small(), true).render(new TreeView.Options(0, false, 0, true, false));
        assertEquals(3, lines.stream().filter(l -> l.startsWith("\u001b[1m")).count());
        assertTrue(lines.get(3).contains("D4") && !lines.get(3).contains("\u001b"));
    }

    @Test
    void render_deepLineage_staysWithinTheWidth() {
        List<ExperimentRow> rows = new ArrayList<>();
        rows.add(row("R", "", "KEEP", 1000));
        for (int i = 1; i <= 3000; i++) {
            rows.add(row("K" + i, i == 1 ? "R" : "K" + (i - 1), "KEEP", 1000 - i));
            rows.add(row("X" + i, i == 1 ? "R" : "K" + (i - 1), "DISCARD", 2000));
        }
        List<String> lines = TreeView.of(rows, true).render(new TreeView.Options(0, false, 80, false, false));
        assertEquals(rows.size(), lines.size());
        assertTrue(lines.stream().allMatch(l -> l.codePointCount(0, l.length()) <= 80));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("⋮3001 ") && l.contains("K3000")), String.join("\n", lines.subList(0, 40)));
    }

    @Test
    void render_hundredThousandExperiments_foldsToTheFindingsQuickly() {
        Random random = new Random(7);
        List<ExperimentRow> rows = new ArrayList<>();
        List<String> kept = new ArrayList<>(List.of("E0"));
        rows.add(row("E0", "", "KEEP", 100));
        for (int i = 1; i < 100_000; i++) {
            String parent = kept.get(kept.size() - 1 - random.nextInt(Math.min(kept.size(), 5)));
            boolean keep = random.nextInt(40) == 0;
            rows.add(row("E" + i, parent, keep ? "KEEP" : random.nextInt(10) == 0 ? "CRASH" : "DISCARD", 100 - i * 1e-3));
            if (keep) {
                kept.add("E" + i);
            }
        }
        long start = System.nanoTime();
        List<String> lines = TreeView.of(rows, true).render(new TreeView.Options(0, false, 120, false, false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(lines.size() < rows.size() / 4, lines.size() + " lines for " + rows.size() + " experiments");
        assertTrue(lines.size() >= kept.size(), "every KEEP has its line");
        assertTrue(millis < 5_000, "rendering took " + millis + " ms");
    }
}
