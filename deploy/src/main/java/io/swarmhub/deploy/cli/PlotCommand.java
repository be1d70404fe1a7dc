package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.view.ChartModel;
import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.deploy.view.PngChart;
import io.swarmhub.deploy.view.SvgChart;
import io.swarmhub.protocol.v1.CampaignInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code swarm plot CAMPAIGN -o FILE}: the progress chart (every experiment a dot, the running best a step line). */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a campaign's progress chart (PNG or SVG by the file's extension).")
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CoordinatorOptions coordinator;
    @Parameters(paramLabel = "CAMPAIGN", description = "campaign id")
    String campaign;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "FILE.png or FILE.svg")
    Path output;
    @Option(names = "--x", paramLabel = "number|time", defaultValue = "number",
            description = "x axis: experiment number (default) or time since the first experiment")
    String x;
    @Option(names = "--by-node", description = "colour dots by node and draw each node's running best")
    boolean byNode;
    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1200x700", description = "image size in pixels (default: ${DEFAULT-VALUE})")
    String size;

    @Override
    public Integer call() {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            return usage("the output " + output + " must end in .png or .svg");
        }
        if (!x.equals("number") && !x.equals("time")) {
            return usage("--x takes number or time, not " + x);
        }
        if (!size.matches("\\d{3,5}x\\d{3,5}")) {
            return usage("--size takes WIDTHxHEIGHT in pixels, e.g. 1200x700, not " + size);
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return usage("the directory " + parent + " does not exist");
        }
        int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        return CampaignCalls.call(coordinator, stub -> {
            CampaignInfo info = CampaignReads.campaign(stub, campaign);
            List<ExperimentRow> rows = new ArrayList<>();
            CampaignReads.eachExperiment(stub, campaign, e -> rows.add(CampaignReads.row(e)));
            ChartModel model = ChartModel.of(info.getCampaign().getName().isEmpty() ? campaign : info.getCampaign().getName(),
                    info.getCampaign().getGoal().getMetric(), CampaignReads.minimize(info), rows,
                    x.equals("time") ? ChartModel.XAxis.TIME : ChartModel.XAxis.NUMBER, byNode, width, height);
            try {
                if (svg) {
                    SvgChart.write(model, output);
                } else {
                    PngChart.write(model, output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + output + " (" + model.subtitle() + ")");
            spec.commandLine().getOut().flush();
        });
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("swarm plot: " + message);
        return 2;
    }
}
