package io.swarmhub.deploy.cli;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Progress;
import io.swarmhub.node.RatchetListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress of a run: one line rewritten in place on a terminal; on a pipe, one line
 * every 10 seconds and at every keep, so logs stay readable.
 */
final class ProgressLine implements RatchetListener {
    private final PrintStream out;
    private final String metric;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private long lastPrintMs;
    private int width;

    ProgressLine(PrintStream out, String metric, boolean quiet) {
        this.out = out;
        this.metric = metric;
        this.quiet = quiet;
    }

    @Override
    public synchronized void onExperiment(Experiment e, Progress p) {
        if (quiet) {
            return;
        }
        String line = String.format(Locale.ROOT, "%d experiments (%d in total) | %d kept | best %s %s | last %s | %.1f/min",
                p.runExperiments(), p.totalExperiments(), p.kept(), metric, fmt(p.best()),
                p.lastStatus() == null ? "-" : p.lastStatus().name(), p.perMinute());
        long now = System.currentTimeMillis();
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            out.flush();
        } else if (now - lastPrintMs >= 10_000 || e.status() == io.swarmhub.protocol.Status.KEEP) {
            out.println(line + (e.status() == io.swarmhub.protocol.Status.KEEP ? "  (keep: " + e.description() + ")" : ""));
            lastPrintMs = now;
        }
    }

    synchronized void finish() {
        if (terminal && !quiet && width > 0) {
            out.println();
        }
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "-";
    }
}
