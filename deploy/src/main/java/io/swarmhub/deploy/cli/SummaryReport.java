package io.swarmhub.deploy.cli;

import io.swarmhub.node.Ledger;
import io.swarmhub.node.RatchetSummary;
import io.swarmhub.protocol.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary printed at the end of {@code swarm run}. */
final class SummaryReport {
    private final String metric;
    private final Ledger ledger;
    private final Path workspace;

    SummaryReport(String metric, Ledger ledger, Path workspace) {
        this.metric = metric;
        this.ledger = ledger;
        this.workspace = workspace;
    }

    void print(PrintStream out, RatchetSummary s) {
        out.println("stopped: " + s.stopReason());
        String counts = java.util.Arrays.stream(Status.values())
                .map(st -> st.name().toLowerCase(Locale.ROOT) + " " + s.runByStatus().getOrDefault(st, 0L))
                .collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "experiments: %d this run (%d in total); %s%n", s.runExperiments(),
                s.totalExperiments(), counts);
        if (s.best() != null) {
            double base = s.baseline();
            double best = s.best().metric();
            String gain = Double.isFinite(base) && base != 0
                    ? String.format(Locale.ROOT, " (%+.2f%% vs baseline)", 100 * (best - base) / Math.abs(base)) : "";
            out.printf(Locale.ROOT, "%s: baseline %s -> best %s%s, experiment %s, commit %s%n", metric,
                    ProgressLine.fmt(base), ProgressLine.fmt(best), gain, s.best().id(), shortCommit(s.best().commit()));
        }
        if (!s.proposers().isEmpty()) {
            out.println("proposers: " + s.proposers().entrySet().stream()
                    .map(en -> String.format(Locale.ROOT, "%s %d/%d kept (%.1f%%)", en.getKey(), en.getValue().kept(),
                            en.getValue().experiments(), 100 * en.getValue().keepRate()))
                    .collect(Collectors.joining(", ")));
        }
        double rate = s.seconds() > 0 ? s.runExperiments() * 60 / s.seconds() : 0;
        out.printf(Locale.ROOT, "time: %.1f s, %.1f experiments/min%n", s.seconds(), rate);
        out.println("ledger: " + ledger.tsvFile() + " (machine-readable: " + ledger.jsonlFile().getFileName() + ")");
        out.println("workspace: " + workspace + " (git log lists the kept experiments)");
    }

    private static String shortCommit(String c) {
        return c.length() > 7 ? c.substring(0, 7) : c;
    }
}
