package io.swarmhub.deploy.cli;

import io.swarmhub.node.agent.BaseBundle;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.ListCampaignsRequest;
import io.swarmhub.protocol.v1.StopCampaignRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm campaign launch|list|show|stop}: campaigns on a running coordinator; {@code init} writes one. */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Write, launch, list, show and stop campaigns.",
        subcommands = {CampaignCommand.Launch.class, CampaignCommand.List.class, CampaignCommand.Show.class,
                CampaignCommand.Stop.class, CampaignInitCommand.class})
public final class CampaignCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("swarm campaign: name a subcommand: init, launch, list, show, stop");
    }

    /** Launches a campaign file: its definition and its base code (as a git bundle) go to the coordinator. */
    @Command(name = "launch", mixinStandardHelpOptions = true, description = "Launch a campaign on the swarm.")
    static final class Launch implements Callable<Integer> {
        @Mixin
        CoordinatorOptions coordinator;
        @Parameters(paramLabel = "FILE", description = "the campaign.yaml")
        Path file;
        @Option(names = "--id", description = "campaign id (default: made from the name)")
        String id;

        @Override
        public Integer call() {
            Campaign campaign = CampaignFiles.loadOrReport(file);
            if (campaign == null) {
                return 2;
            }
            BaseBundle bundle = BaseBundle.of(Path.of(campaign.getWorkspace().getRepo()));
            return CampaignCalls.call(coordinator, stub -> {
                String launched = stub.launchCampaign(bundle.launchRequest(campaign)
                        .setCampaignId(id == null ? "" : id).build()).getCampaignId();
                System.out.println(launched);
                System.err.println("swarm: launched campaign " + launched + " (" + campaign.getName() + "); nodes take it up at their next heartbeat");
            });
        }
    }

    /** Lists campaigns, one per line, id first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List campaigns, one per line, id first.")
    static final class List implements Callable<Integer> {
        @Mixin
        CoordinatorOptions coordinator;
        @Option(names = "--json", description = "one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            return CampaignCalls.call(coordinator, stub -> {
                for (CampaignInfo c : stub.listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaignsList()) {
                    System.out.println(json ? CampaignCalls.json(c) : line(c));
                }
            });
        }
    }

    /** Shows one campaign. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one campaign.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CoordinatorOptions coordinator;
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            return CampaignCalls.call(coordinator, stub -> {
                CampaignInfo c = stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId(id).build()).getCampaign();
                System.out.println(json ? CampaignCalls.json(c) : CampaignCalls.describe(c));
            });
        }
    }

    /** Stops a campaign; nodes finish their running experiment and leave it. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a campaign.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        CoordinatorOptions coordinator;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return CampaignCalls.call(coordinator, stub -> {
                CampaignInfo c = stub.stopCampaign(StopCampaignRequest.newBuilder().setCampaignId(id).build()).getCampaign();
                System.out.println(line(c));
            });
        }
    }

    static String line(CampaignInfo c) {
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%d experiments\tbest %s", c.getCampaignId(),
                c.getState().name().toLowerCase(Locale.ROOT), c.getCampaign().getName(), c.getExperiments(),
                c.getBestExperimentId().isEmpty() ? "-" : c.getCampaign().getGoal().getMetric() + " "
                        + String.format(Locale.ROOT, "%.6g", c.getBestMetric()) + " (" + c.getBestExperimentId() + ")");
    }
}
