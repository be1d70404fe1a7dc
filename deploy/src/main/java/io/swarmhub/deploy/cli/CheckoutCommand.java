package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FetchWorkspaceRequest;
import io.swarmhub.protocol.v1.FetchWorkspaceResponse;
import io.swarmhub.protocol.v1.GetLineageRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code swarm checkout EXPERIMENT [DIR]}: the experiment's lineage as a git repository, one
 * commit per KEEP on top of the campaign base (see {@link LineageCheckout}).
 */
@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = "Write an experiment's lineage as a git repository: the campaign base, then one commit per kept experiment.")
public final class CheckoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CoordinatorOptions coordinator;
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment id (full, or a unique prefix or the short id `swarm tree` shows)")
    String experiment;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "a new or empty directory (default: ./<short id>)")
    Path dir;
    @Option(names = "--campaign", paramLabel = "C", description = "the experiment's campaign (default: searched in every campaign)")
    String campaign;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dir != null && !usable(dir)) {
            err.println("swarm checkout: " + dir + " is not an empty directory; name a new one");
            return 2;
        }
        return CampaignCalls.call(coordinator, stub -> {
            ExperimentEvent found = CampaignReads.find(stub, campaign, experiment);
            String campaignId = found.getCampaignId().isEmpty() ? campaign : found.getCampaignId();
            Path target = dir != null ? dir : Path.of(ExperimentRow.shortId(found.getId()));
            if (!usable(target)) {
                throw new IllegalArgumentException(target + " is not an empty directory; name another DIR");
            }
            List<ExperimentEvent> lineage = stub.getLineage(GetLineageRequest.newBuilder().setCampaignId(campaignId)
                    .setExperimentId(found.getId()).build()).getExperimentsList();
            FetchWorkspaceResponse ws = stub.fetchWorkspace(FetchWorkspaceRequest.newBuilder().setCampaignId(campaignId).build());
            if (ws.getBaseBundle().isEmpty()) {
                throw new IllegalArgumentException("campaign " + campaignId + " has no base repository on the coordinator");
            }
            CampaignInfo info = CampaignReads.campaign(stub, campaignId);
            boolean created = !Files.exists(target);
            LineageCheckout.Result result;
            try {
                result = LineageCheckout.write(target, ws.getBaseBundle().toByteArray(), ws.getBaseCommit(), lineage,
                        info.getCampaign().getGoal().getMetric());
            } catch (RuntimeException e) {
                if (created) {
                    deleteTree(target);
                }
                throw e;
            }
            out.println("checked out " + found.getId() + " (campaign " + campaignId + ") into " + target);
            out.println("  base " + ws.getBaseCommit().substring(0, Math.min(12, ws.getBaseCommit().length())) + ", then "
                    + result.commits() + " commit(s), one per kept experiment on the lineage of " + lineage.size());
            if (found.getStatus() != ExperimentStatus.KEEP) {
                out.println("  " + found.getId() + " is " + found.getStatus() + ": its patch is "
                        + (result.uncommitted() ? "applied to the working tree, not committed (git diff shows it)"
                                : "empty; the working tree is its parent's state"));
            }
            out.flush();
        });
    }

    /** A directory that does not exist yet, or an empty one. */
    static boolean usable(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the message above says what failed
        }
    }
}
