package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.view.TextTable;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.ListNodesRequest;
import io.swarmhub.protocol.v1.NodeInfo;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code swarm nodes}: the swarm's nodes as a table (hardware, lease, contribution), or JSON lines. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "List the swarm's nodes: live, hardware, slots, experiments, kept, experiments/hour, last seen.")
public final class NodesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CoordinatorOptions coordinator;
    @Option(names = "--campaign", paramLabel = "C", description = "count experiments of this campaign only")
    String campaign;
    @Option(names = "--json", description = "one JSON object (NodeInfo) per line")
    boolean json;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CampaignCalls.call(coordinator, stub -> {
            if (campaign != null) {
                CampaignReads.campaign(stub, campaign); // NOT_FOUND names an unknown campaign
            }
            List<NodeInfo> nodes = stub.listNodes(ListNodesRequest.newBuilder()
                    .setCampaignId(campaign == null ? "" : campaign).build()).getNodesList();
            if (json) {
                nodes.forEach(n -> out.println(CampaignCalls.json(n)));
                out.flush();
                return;
            }
            long now = clock.millis();
            TextTable table = new TextTable(List.of("NODE", "LIVE", "CPU", "GPUS", "SLOTS", "EXPERIMENTS", "KEPT", "EXP/H",
                    "LAST SEEN"), false, false, false, false, true, true, true, true, false);
            for (NodeInfo n : nodes) {
                table.add(List.of(n.getNodeId(), n.getLive() ? "yes" : "no", cpu(n.getHardware()), gpus(n.getHardware()),
                        n.getSlots() == 0 ? "-" : Integer.toString(n.getSlots()), Long.toString(n.getExperiments()),
                        Long.toString(n.getKept()), String.format(Locale.ROOT, "%.1f", n.getExperimentsPerHour()),
                        TextTable.ago(n.getLastSeenMs(), now)));
            }
            table.lines().forEach(out::println);
            long live = nodes.stream().filter(NodeInfo::getLive).count();
            out.println(nodes.size() + " node(s), " + live + " live");
            out.flush();
        });
    }

    private static String cpu(Hardware h) {
        String model = h.getCpuModel().replaceAll("\\s+", " ").trim();
        if (model.length() > 32) {
            model = model.substring(0, 31) + "…";
        }
        return h.getCores() > 0 ? h.getCores() + "x " + (model.isEmpty() ? "cpu" : model) : model.isEmpty() ? "-" : model;
    }

    private static String gpus(Hardware h) {
        if (h.getGpusCount() == 0) {
            return "-";
        }
        return h.getGpusCount() + "x " + h.getGpus(0);
    }
}
