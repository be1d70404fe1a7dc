package io.swarmhub.deploy.view;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link ChartModel} as a standalone SVG document (text; same layout as {@link PngChart}). */
public final class SvgChart {
    private SvgChart() {
    }

    /** Writes the chart to {@code file} as SVG. */
    public static void write(ChartModel m, Path file) throws IOException {
        Files.writeString(file, render(m), StandardCharsets.UTF_8);
    }

    /** The SVG document. */
    public static String render(ChartModel m) {
        ChartModel.Frame f = m.frame();
        StringBuilder s = new StringBuilder(64 + m.dots().size() * 80);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", f.width(), f.height(), f.width(), f.height()));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        double x0 = f.left();
        double x1 = f.width() - f.right();
        double y0 = f.height() - f.bottom();
        double y1 = f.top();
        s.append("<g class=\"grid\" stroke=\"#ebebeb\">\n");
        for (double t : m.x().ticks()) {
            double px = f.px(m.x(), t);
            s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", px, y0, px, y1));
        }
        for (double t : m.y().ticks()) {
            double py = f.py(m.y(), t);
            s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", x0, py, x1, py));
        }
        s.append("</g>\n<g class=\"axes\" stroke=\"#404040\" fill=\"#404040\">\n");
        s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", x0, y0, x1, y0));
        s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", x0, y0, x0, y1));
        for (double t : m.x().ticks()) {
            double px = f.px(m.x(), t);
            s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", px, y0, px, y0 + 5));
            s.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" stroke=\"none\">%s</text>%n", px, y0 + 20,
                    esc(m.x().tickLabel(t))));
        }
        for (double t : m.y().ticks()) {
            double py = f.py(m.y(), t);
            s.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0 - 5, py, x0, py));
            s.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" stroke=\"none\">%s</text>%n", x0 - 8, py + 4,
                    esc(m.y().tickLabel(t))));
        }
        s.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">%s</text>%n", (x0 + x1) / 2,
                f.height() - 14, esc(m.x().label())));
        s.append(fmt("<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\" stroke=\"none\">%s</text>%n",
                (y0 + y1) / 2, esc(m.y().label())));
        s.append("</g>\n");
        s.append(fmt("<text x=\"%.1f\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n", x0, esc(m.title())));
        s.append(fmt("<text x=\"%.1f\" y=\"42\" fill=\"#404040\">%s</text>%n", x0, esc(m.subtitle())));
        s.append("<g class=\"experiments\">\n");
        for (ChartModel.Dot d : m.dots()) {
            double y = Double.isNaN(d.y()) ? y0 + 6 : f.py(m.y(), d.y());
            s.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"%s\"/>%n", f.px(m.x(), d.x()), y,
                    d.kept() ? 3.5 : 2.5, d.color(), d.kept() ? "0.9" : "0.3"));
        }
        s.append("</g>\n");
        for (int i = m.lines().size() - 1; i >= 0; i--) {
            ChartModel.Line line = m.lines().get(i);
            if (line.vertices().isEmpty()) {
                continue;
            }
            s.append("<polyline class=\"best\" fill=\"none\" stroke=\"").append(line.color()).append("\" stroke-width=\"")
                    .append(i == 0 ? "2.2" : "1.2").append("\" points=\"");
            for (double[] v : line.vertices()) {
                s.append(fmt("%.1f,%.1f ", f.px(m.x(), v[0]), f.py(m.y(), v[1])));
            }
            s.append("\"><title>").append(esc(line.label())).append("</title></polyline>\n");
        }
        int lx = f.width() - f.right() + 16;
        int ly = f.top() + 10;
        s.append("<g class=\"legend\">\n");
        for (ChartModel.LegendEntry e : m.legend()) {
            if (e.line()) {
                s.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.2\"/>", lx, ly, lx + 14,
                        ly, e.color()));
            } else {
                s.append(fmt("<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>", lx + 7, ly, e.color()));
            }
            s.append(fmt("<text x=\"%d\" y=\"%d\" fill=\"#404040\">%s</text>%n", lx + 20, ly + 4, esc(e.label())));
            ly += 18;
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
