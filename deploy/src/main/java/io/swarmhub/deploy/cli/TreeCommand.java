package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.deploy.view.TreeView;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarm tree CAMPAIGN}: the campaign's experiment tree drawn with connectors (the best
 * lineage marked, runs of non-KEEP leaves folded; see {@link TreeView}), or JSON lines.
 */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Show a campaign's experiment tree: * marks the best lineage; runs of discarded/crashed leaves are folded.")
public final class TreeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CoordinatorOptions coordinator;
    @Parameters(paramLabel = "CAMPAIGN", description = "campaign id")
    String campaign;
    @Option(names = "--json", description = "JSON lines: id, parent, status, metric, metrics, node, proposer, description")
    boolean json;
    @Option(names = "--keeps", description = "only kept experiments (the lineages)")
    boolean keepsOnly;
    @Option(names = "--depth", paramLabel = "N", defaultValue = "0", description = "show N levels (1 = the roots); 0: all (default)")
    int depth;
    @Option(names = "--all", description = "show every experiment; fold nothing")
    boolean all;
    @Option(names = "--width", paramLabel = "COLUMNS", description = "cut lines to this width (default: the terminal's; none when piped)")
    Integer width;
    @Option(names = "--ascii", description = "ASCII connectors instead of box drawing")
    boolean ascii;

    @Override
    public Integer call() {
        if (depth < 0 || width != null && width < 0) {
            spec.commandLine().getErr().println("swarm tree: --depth and --width must be >= 0");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        return CampaignCalls.call(coordinator, stub -> {
            if (json) {
                CampaignReads.eachExperiment(stub, campaign, e -> {
                    if (!keepsOnly || e.getStatus() == ExperimentStatus.KEEP) {
                        out.println(jsonLine(e));
                    }
                });
                out.flush();
                return;
            }
            CampaignInfo info = CampaignReads.campaign(stub, campaign);
            List<ExperimentRow> rows = new ArrayList<>();
            CampaignReads.eachExperiment(stub, campaign, e -> {
                if (!keepsOnly || e.getStatus() == ExperimentStatus.KEEP) {
                    rows.add(CampaignReads.row(e));
                }
            });
            TreeView view = TreeView.of(rows, CampaignReads.minimize(info));
            boolean tty = Terminal.isTty();
            TreeView.Options options = new TreeView.Options(depth, all, width != null ? width : Terminal.width(), tty, ascii);
            out.println("campaign " + campaign + " (" + info.getCampaign().getName() + "): "
                    + info.getCampaign().getGoal().getDirection().name().toLowerCase(Locale.ROOT) + " "
                    + info.getCampaign().getGoal().getMetric());
            for (String line : view.render(options)) {
                out.println(line);
            }
            out.println(view.summary());
            out.flush();
        });
    }

    static String jsonLine(ExperimentEvent e) {
        String metrics = e.getMetricsMap().entrySet().stream()
                .map(m -> quote(m.getKey()) + ":" + num(m.getValue())).collect(Collectors.joining(",", "{", "}"));
        return "{\"id\":" + quote(e.getId()) + ",\"parent\":" + quote(e.getParentId()) + ",\"status\":"
                + quote(e.getStatus().name()) + ",\"metric\":" + num(e.getMetric()) + ",\"metrics\":" + metrics
                + ",\"node\":" + quote(e.getNodeId()) + ",\"proposer\":" + quote(e.getProposer())
                + ",\"description\":" + quote(e.getDescription()) + ",\"seconds\":" + num(e.getSeconds()) + "}";
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
