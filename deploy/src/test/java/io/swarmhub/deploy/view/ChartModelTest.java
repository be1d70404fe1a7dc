package io.swarmhub.deploy.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartModelTest {
    private static ExperimentRow row(String id, String status, double metric, String node, long at) {
        return new ExperimentRow(id, "", status, metric, node, "mutation", id, at);
    }

    private static final List<ExperimentRow> ROWS = List.of(row("a", "KEEP", 10, "n1", 1_000), row("b", "DISCARD", 12, "n2", 61_000),
            row("c", "KEEP", 8, "n2", 121_000), row("d", "CRASH", Double.NaN, "n1", 181_000), row("e", "KEEP", 9, "n1", 241_000),
            row("f", "KEEP", 6, "n1", 301_000), row("g", "KEEP", 11, "n2", 361_000));

    private static List<Double> ys(List<ChartModel.Dot> dots) {
        return dots.stream().map(ChartModel.Dot::y).toList();
    }

    @Test
    void runningBest_minimize_takesEachKeepBelowTheLast() {
        ChartModel m = ChartModel.of("demo", "loss", true, ROWS, ChartModel.XAxis.NUMBER, false, 800, 500);
        assertEquals(List.of(10.0, 8.0, 6.0), ys(ChartModel.runningBest(m.dots(), true)));
        List<double[]> steps = m.lines().get(0).vertices();
        // (1,10) (3,10) (3,8) (6,8) (6,6) then flat to the last experiment.
        assertEquals(6, steps.size());
        assertEquals(3.0, steps.get(1)[0]);
        assertEquals(10.0, steps.get(1)[1]);
        assertEquals(7.0, steps.get(5)[0]);
        assertEquals(6.0, steps.get(5)[1]);
        assertTrue(m.subtitle().endsWith("best 6"), m.subtitle());
    }

    @Test
    void runningBest_maximize_takesEachKeepAboveTheLast() {
        ChartModel m = ChartModel.of("demo", "acc", false, ROWS, ChartModel.XAxis.NUMBER, false, 800, 500);
        assertEquals(List.of(10.0, 11.0), ys(ChartModel.runningBest(m.dots(), false)));
        assertTrue(m.y().label().contains("higher is better"));
    }

    @Test
    void niceStep_andTicks_areRoundNumbers() {
        assertEquals(0.2, ChartModel.niceStep(0.17), 1e-12);
        assertEquals(5.0, ChartModel.niceStep(3.1), 1e-12);
        assertEquals(10.0, ChartModel.niceStep(7), 1e-12);
        assertEquals(1000.0, ChartModel.niceStep(1000), 1e-12);
        assertEquals(List.of(0.2, 0.4, 0.6, 0.8, 1.0), ChartModel.ticks(0.1, 1.05, 0.2));
        assertEquals(List.of(-10.0, -5.0, 0.0, 5.0), ChartModel.ticks(-12, 7, 5));
    }

    @Test
    void axes_coverTheKeepsAndLabelTheTicks() {
        ChartModel m = ChartModel.of("demo", "loss", true, ROWS, ChartModel.XAxis.TIME, false, 800, 500);
        assertTrue(m.y().min() <= 6 && m.y().max() >= 12, m.toString());
        assertTrue(m.y().ticks().size() >= 3, m.toString());
        assertTrue(m.y().ticks().stream().allMatch(t -> t >= m.y().min() && t <= m.y().max()));
        assertEquals(0.0, m.x().min());
        assertTrue(m.x().max() >= 6.0, "six minutes span: " + m.x());
        assertEquals("minutes since the first experiment", m.x().label());
        assertEquals("2", m.x().tickLabel(2.0));
        ChartModel.Frame f = m.frame();
        assertEquals(f.left(), f.px(m.x(), m.x().min()), 1e-9);
        assertEquals(f.height() - f.bottom(), f.py(m.y(), m.y().min()), 1e-9);
    }

    @Test
    void byNode_addsEachNodesRunningBest() {
        ChartModel m = ChartModel.of("demo", "loss", true, ROWS, ChartModel.XAxis.NUMBER, true, 800, 500);
        assertEquals(List.of("running best", "n1", "n2"), m.lines().stream().map(ChartModel.Line::label).toList());
        // n2's KEEPs: 8 then 11 (worse): one step, flat to the end.
        assertEquals(2, m.lines().get(2).vertices().size());
        assertTrue(m.dots().stream().filter(d -> d.node().equals("n1")).map(ChartModel.Dot::color).distinct().count() == 1);
    }

    @Test
    void svg_isWellFormedXml() throws Exception {
        String svg = SvgChart.render(ChartModel.of("a <b> & c", "loss", true, ROWS, ChartModel.XAxis.NUMBER, false, 800, 500));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        // one circle per experiment, one per status in the legend (keep, discard, crash)
        assertEquals(ROWS.size() + 3, doc.getElementsByTagName("circle").getLength());
        assertEquals(1, doc.getElementsByTagName("polyline").getLength());
    }
}
