package io.swarmhub.deploy.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The campaign progress chart (autoresearch's plot), independent of how it is drawn: every
 * experiment a dot coloured by status (or by node), the running best of the KEEPs as a step
 * line, axes with "nice" ticks, and the pixel frame both the PNG and the SVG renderer use.
 */
public final class ChartModel {
    /** What the x axis counts. */
    public enum XAxis { NUMBER, TIME }

    /** One experiment: {@code y} is NaN when it has no metric (drawn on the x axis). */
    public record Dot(double x, double y, String status, String node, String color, boolean kept) {
    }

    /** A step line through data-space vertices, in a colour, with a legend label. */
    public record Line(String label, String color, List<double[]> vertices) {
    }

    /** An axis range with its ticks and label. */
    public record Axis(double min, double max, List<Double> ticks, String label, int decimals) {
        /** Where {@code v} falls, 0 at min and 1 at max, clamped. */
        public double fraction(double v) {
            double f = max == min ? 0.5 : (v - min) / (max - min);
            return Math.max(0, Math.min(1, f));
        }

        /** A tick's text, with as many decimals as the tick step needs. */
        public String tickLabel(double v) {
            return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        }
    }

    /** The plot area inside an image of {@code width} x {@code height} pixels. */
    public record Frame(int width, int height, int left, int right, int top, int bottom) {
        public double px(Axis x, double v) {
            return left + x.fraction(v) * (width - left - right);
        }

        public double py(Axis y, double v) {
            return height - bottom - y.fraction(v) * (height - top - bottom);
        }
    }

    /** One legend entry: a dot or a line. */
    public record LegendEntry(String label, String color, boolean line) {
    }

    static final Map<String, String> STATUS_COLORS = Map.of("KEEP", "#2ca02c", "DISCARD", "#8c8c8c", "CRASH", "#d62728",
            "TIMEOUT", "#ff7f0e", "INVALID", "#9467bd", "LOST", "#8c564b");
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String BEST_COLOR = "#1f4e9c";

    private final String title;
    private final String subtitle;
    private final List<Dot> dots;
    private final List<Line> lines;
    private final Axis x;
    private final Axis y;
    private final List<LegendEntry> legend;
    private final Frame frame;

    private ChartModel(String title, String subtitle, List<Dot> dots, List<Line> lines, Axis x, Axis y,
            List<LegendEntry> legend, Frame frame) {
        this.title = title;
        this.subtitle = subtitle;
        this.dots = dots;
        this.lines = lines;
        this.x = x;
        this.y = y;
        this.legend = legend;
        this.frame = frame;
    }

    /**
     * The chart of {@code rows} (arrival order) for a goal {@code metric} in a direction, drawn
     * {@code width} x {@code height} pixels; {@code byNode} colours dots by node and adds each
     * node's running best.
     */
    public static ChartModel of(String campaign, String metric, boolean minimize, List<ExperimentRow> rows, XAxis xAxis,
            boolean byNode, int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("the chart needs at least 200 x 150 pixels, not " + width + " x " + height);
        }
        long t0 = rows.stream().mapToLong(ExperimentRow::finishedAtMs).filter(t -> t > 0).min().orElse(0);
        long t1 = rows.stream().mapToLong(ExperimentRow::finishedAtMs).filter(t -> t > 0).max().orElse(0);
        double unitMs = (t1 - t0) > 3 * 3_600_000L ? 3_600_000.0 : 60_000.0;
        Map<String, String> nodeColors = new LinkedHashMap<>();
        rows.forEach(r -> nodeColors.computeIfAbsent(r.node(), n -> PALETTE[nodeColors.size() % PALETTE.length]));
        List<Dot> dots = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ExperimentRow r = rows.get(i);
            double xv = xAxis == XAxis.NUMBER ? i + 1 : r.finishedAtMs() > 0 ? (r.finishedAtMs() - t0) / unitMs : 0;
            String color = byNode ? nodeColors.get(r.node()) : STATUS_COLORS.getOrDefault(r.status(), "#8c8c8c");
            dots.add(new Dot(xv, Double.isFinite(r.metric()) ? r.metric() : Double.NaN, r.status(), r.node(), color, r.kept()));
        }
        if (xAxis == XAxis.TIME) {
            dots.sort((a, b) -> Double.compare(a.x(), b.x()));
        }
        double xMax = dots.stream().mapToDouble(Dot::x).max().orElse(1);
        double xMin = xAxis == XAxis.NUMBER ? 1 : 0;
        Axis x = axis(xMin, Math.max(xMax, xMin + 1), width / 120,
                xAxis == XAxis.NUMBER ? "experiment #" : unitMs == 60_000.0 ? "minutes since the first experiment"
                        : "hours since the first experiment", true);
        Axis y = axis(yRange(dots), Math.max(3, height / 90), metric + (minimize ? " (lower is better)" : " (higher is better)"));

        List<Line> lines = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        lines.add(new Line("running best", byNode ? "#222222" : BEST_COLOR, steps(runningBest(dots, minimize), xMax)));
        if (byNode) {
            nodeColors.forEach((node, color) -> {
                List<Dot> own = dots.stream().filter(d -> d.node().equals(node)).toList();
                lines.add(new Line(node, color, steps(runningBest(own, minimize), xMax)));
                legend.add(new LegendEntry(node.isEmpty() ? "(no node)" : node, color, false));
            });
        } else {
            for (String s : List.of("KEEP", "DISCARD", "CRASH", "TIMEOUT", "INVALID", "LOST")) {
                if (dots.stream().anyMatch(d -> d.status().equals(s))) {
                    legend.add(new LegendEntry(s.toLowerCase(Locale.ROOT), STATUS_COLORS.get(s), false));
                }
            }
        }
        legend.add(new LegendEntry("running best", lines.get(0).color(), true));
        long kept = rows.stream().filter(ExperimentRow::kept).count();
        List<Dot> bestSteps = runningBest(dots, minimize);
        String subtitle = rows.size() + " experiments, " + kept + " kept"
                + (bestSteps.isEmpty() ? "" : ", best " + MetricText.format(bestSteps.get(bestSteps.size() - 1).y()));
        Frame frame = new Frame(width, height, 80, 150, 56, 56);
        return new ChartModel(campaign + ": " + metric + " over " + (xAxis == XAxis.NUMBER ? "experiments" : "time"),
                subtitle, List.copyOf(dots), List.copyOf(lines), x, y, List.copyOf(legend), frame);
    }

    /** The KEEP dots that improved on every earlier KEEP in the goal's direction, in x order. */
    public static List<Dot> runningBest(List<Dot> dots, boolean minimize) {
        List<Dot> out = new ArrayList<>();
        double best = Double.NaN;
        for (Dot d : dots) {
            if (d.kept() && ExperimentRow.better(d.y(), best, minimize)) {
                best = d.y();
                out.add(d);
            }
        }
        return out;
    }

    /** A step line's vertices: flat until the next improvement, then straight down (or up); flat to {@code xEnd}. */
    static List<double[]> steps(List<Dot> improvements, double xEnd) {
        List<double[]> v = new ArrayList<>();
        for (int i = 0; i < improvements.size(); i++) {
            Dot d = improvements.get(i);
            if (i > 0) {
                v.add(new double[] {d.x(), improvements.get(i - 1).y()});
            }
            v.add(new double[] {d.x(), d.y()});
        }
        if (!improvements.isEmpty()) {
            v.add(new double[] {Math.max(xEnd, improvements.get(improvements.size() - 1).x()),
                improvements.get(improvements.size() - 1).y()});
        }
        return v;
    }

    /**
     * The metric range to show: every KEEP, and the other experiments between their 2nd and
     * 98th percentiles, so one wild discard does not flatten the curve (outliers sit on the edge).
     */
    static double[] yRange(List<Dot> dots) {
        double[] all = dots.stream().mapToDouble(Dot::y).filter(Double::isFinite).sorted().toArray();
        if (all.length == 0) {
            return new double[] {0, 1};
        }
        double lo = all[(int) Math.floor((all.length - 1) * 0.02)];
        double hi = all[(int) Math.ceil((all.length - 1) * 0.98)];
        for (Dot d : dots) {
            if (d.kept() && Double.isFinite(d.y())) {
                lo = Math.min(lo, d.y());
                hi = Math.max(hi, d.y());
            }
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.04;
        return new double[] {lo - pad, hi + pad};
    }

    private static Axis axis(double[] range, int target, String label) {
        return axis(range[0], range[1], target, label, false);
    }

    /** {@code exact}: the range is the data's (the x axis); otherwise it widens to whole ticks. */
    private static Axis axis(double lo, double hi, int target, String label, boolean exact) {
        double step = niceStep((hi - lo) / Math.max(1, target - 1));
        double min = exact ? lo : Math.floor(lo / step) * step;
        double max = exact ? hi : Math.ceil(hi / step) * step;
        return new Axis(min, max, ticks(min, max, step), label, decimals(step));
    }

    /** 1, 2 or 5 times a power of ten, the nearest at or above {@code rough}. */
    public static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / pow;
        double nice = m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10;
        return nice * pow;
    }

    /** The multiples of {@code step} within [lo, hi], computed from integers so they print exactly. */
    public static List<Double> ticks(double lo, double hi, double step) {
        List<Double> out = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long k = first; k <= last && out.size() < 1000; k++) {
            out.add(BigDecimal.valueOf(k).multiply(BigDecimal.valueOf(step)).doubleValue());
        }
        return out;
    }

    private static int decimals(double step) {
        return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }

    public List<Dot> dots() {
        return dots;
    }

    /** The running best first, then (by node) each node's. */
    public List<Line> lines() {
        return lines;
    }

    public Axis x() {
        return x;
    }

    public Axis y() {
        return y;
    }

    public List<LegendEntry> legend() {
        return legend;
    }

    public Frame frame() {
        return frame;
    }

    @Override
    public String toString() {
        return title + " [" + subtitle + "] x " + x + " y " + y + " lines " + Arrays.toString(lines.stream()
                .map(l -> l.label() + ":" + l.vertices().size()).toArray());
    }
}
