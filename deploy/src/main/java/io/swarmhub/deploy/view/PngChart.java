package io.swarmhub.deploy.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws a {@link ChartModel} into a PNG with Java2D (headless; no display needed). */
public final class PngChart {
    private PngChart() {
    }

    /** Writes the chart to {@code file} as PNG. */
    public static void write(ChartModel m, Path file) throws IOException {
        if (!ImageIO.write(draw(m), "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** The chart as an image of the model's frame size. */
    public static BufferedImage draw(ChartModel m) {
        System.setProperty("java.awt.headless", "true");
        ChartModel.Frame f = m.frame();
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, f.width(), f.height());
            axes(g, m);
            for (ChartModel.Dot d : m.dots()) {
                double r = d.kept() ? 3.5 : 2.5;
                double y = Double.isNaN(d.y()) ? f.height() - f.bottom() + 6 : f.py(m.y(), d.y());
                g.setColor(color(d.color(), d.kept() ? 0.9f : 0.3f));
                g.fill(new Ellipse2D.Double(f.px(m.x(), d.x()) - r, y - r, 2 * r, 2 * r));
            }
            for (int i = m.lines().size() - 1; i >= 0; i--) {
                ChartModel.Line line = m.lines().get(i);
                if (line.vertices().isEmpty()) {
                    continue;
                }
                Path2D.Double path = new Path2D.Double();
                for (double[] v : line.vertices()) {
                    double px = f.px(m.x(), v[0]);
                    double py = f.py(m.y(), v[1]);
                    if (path.getCurrentPoint() == null) {
                        path.moveTo(px, py);
                    } else {
                        path.lineTo(px, py);
                    }
                }
                g.setColor(color(line.color(), 1f));
                g.setStroke(new BasicStroke(i == 0 ? 2.2f : 1.2f));
                g.draw(path);
            }
            legend(g, m);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void axes(Graphics2D g, ChartModel m) {
        ChartModel.Frame f = m.frame();
        double x0 = f.left();
        double x1 = f.width() - f.right();
        double y0 = f.height() - f.bottom();
        double y1 = f.top();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        var fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double t : m.x().ticks()) {
            double px = f.px(m.x(), t);
            g.setColor(new Color(235, 235, 235));
            g.draw(new Line2D.Double(px, y0, px, y1));
            g.setColor(Color.DARK_GRAY);
            g.draw(new Line2D.Double(px, y0, px, y0 + 5));
            String s = m.x().tickLabel(t);
            g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), (float) (y0 + 20));
        }
        for (double t : m.y().ticks()) {
            double py = f.py(m.y(), t);
            g.setColor(new Color(235, 235, 235));
            g.draw(new Line2D.Double(x0, py, x1, py));
            g.setColor(Color.DARK_GRAY);
            g.draw(new Line2D.Double(x0 - 5, py, x0, py));
            String s = m.y().tickLabel(t);
            g.drawString(s, (float) (x0 - 8 - fm.stringWidth(s)), (float) (py + 4));
        }
        g.setColor(Color.DARK_GRAY);
        g.draw(new Line2D.Double(x0, y0, x1, y0));
        g.draw(new Line2D.Double(x0, y0, x0, y1));
        String xl = m.x().label();
        g.drawString(xl, (float) ((x0 + x1 - fm.stringWidth(xl)) / 2), (float) (f.height() - 14));
        var old = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yl = m.y().label();
        g.drawString(yl, (float) (-(y0 + y1 + fm.stringWidth(yl)) / 2), 18f);
        g.setTransform(old);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(m.title(), (float) x0, 24f);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(m.subtitle(), (float) x0, 42f);
    }

    private static void legend(Graphics2D g, ChartModel m) {
        ChartModel.Frame f = m.frame();
        int x = f.width() - f.right() + 16;
        int y = f.top() + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (ChartModel.LegendEntry e : m.legend()) {
            g.setColor(color(e.color(), 1f));
            if (e.line()) {
                g.setStroke(new BasicStroke(2.2f));
                g.draw(new Line2D.Double(x, y, x + 14, y));
            } else {
                g.fill(new Ellipse2D.Double(x + 3, y - 4, 8, 8));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(e.label(), x + 20, y + 4);
            y += 18;
        }
    }

    private static Color color(String hex, float alpha) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, Math.round(alpha * 255));
    }
}
