package io.swarmhub.deploy.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.protocol.v1.CampaignInfo;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.GetExperimentRequest;
import io.swarmhub.protocol.v1.GetTreeRequest;
import io.swarmhub.protocol.v1.GetTreeResponse;
import io.swarmhub.protocol.v1.ListCampaignsRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The coordinator reads the browse commands share: a whole tree page by page, a campaign, an experiment by id. */
final class CampaignReads {
    private CampaignReads() {
    }

    /** Every experiment of a campaign in arrival order, without patches and log tails. */
    static List<ExperimentEvent> tree(CoordinatorGrpc.CoordinatorBlockingStub stub, String campaign) {
        List<ExperimentEvent> all = new ArrayList<>();
        eachExperiment(stub, campaign, all::add);
        return all;
    }

    /** Hands every experiment of a campaign to {@code sink}, one GetTree page (1000) at a time. */
    static void eachExperiment(CoordinatorGrpc.CoordinatorBlockingStub stub, String campaign, Consumer<ExperimentEvent> sink) {
        long cursor = 0;
        while (true) {
            GetTreeResponse page = stub.getTree(GetTreeRequest.newBuilder().setCampaignId(campaign)
                    .setCursor(cursor).setPageSize(1000).setOmitPatches(true).build());
            page.getExperimentsList().forEach(sink);
            if (page.getNextCursor() >= page.getTotal() || page.getExperimentsCount() == 0) {
                return;
            }
            cursor = page.getNextCursor();
        }
    }

    /** The campaign, or a NOT_FOUND naming it. */
    static CampaignInfo campaign(CoordinatorGrpc.CoordinatorBlockingStub stub, String campaign) {
        return stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId(campaign).build()).getCampaign();
    }

    static boolean minimize(CampaignInfo c) {
        return c.getCampaign().getGoal().getDirection() != Direction.MAXIMIZE;
    }

    /** The view's record of an experiment. */
    static ExperimentRow row(ExperimentEvent e) {
        return new ExperimentRow(e.getId(), e.getParentId(), e.getStatus().name(), e.getMetric(), e.getNodeId(),
                e.getProposer(), e.getDescription(), e.getFinishedAtMs());
    }

    /**
     * Finds an experiment by full id, or by a unique prefix or suffix (the tree shows the last 8
     * characters), in one campaign or, when {@code campaign} is null, in every campaign.
     */
    static ExperimentEvent find(CoordinatorGrpc.CoordinatorBlockingStub stub, String campaign, String id) {
        List<String> campaigns = campaign != null ? List.of(campaign)
                : stub.listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaignsList().stream()
                        .map(CampaignInfo::getCampaignId).toList();
        String wanted = id.toUpperCase(java.util.Locale.ROOT);
        List<ExperimentEvent> matches = new ArrayList<>();
        for (String c : campaigns) {
            if (wanted.length() == 26) {
                try {
                    matches.add(stub.getExperiment(GetExperimentRequest.newBuilder().setCampaignId(c)
                            .setExperimentId(wanted).build()).getExperiment());
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                        throw e;
                    }
                }
            } else {
                eachExperiment(stub, c, e -> {
                    if (e.getId().startsWith(wanted) || e.getId().endsWith(wanted)) {
                        matches.add(e);
                    }
                });
            }
        }
        String where = campaign == null ? "any of the " + campaigns.size() + " campaign(s)" : "campaign " + campaign;
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no experiment " + id + " in " + where
                    + "; `swarm tree CAMPAIGN` lists the ids");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("the id " + id + " matches " + matches.size() + " experiments in " + where
                    + " (" + matches.stream().limit(3).map(ExperimentEvent::getId).toList() + "...); give more characters"
                    + (campaign == null ? " or --campaign" : ""));
        }
        return matches.get(0);
    }
}
