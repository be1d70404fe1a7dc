package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetLineageRequest;
import io.swarmhub.protocol.v1.GetTreeRequest;
import io.swarmhub.protocol.v1.GetTreeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A campaign's tree as a gRPC client reads it: every GetTree page, and lineages. */
final class TreePages {
    /** Small pages, so a test tree of a few hundred experiments spans several. */
    static final int PAGE_SIZE = 50;

    private final Supplier<CoordinatorGrpc.CoordinatorBlockingStub> stubs;
    private final String campaignId;

    /** {@code stubs} makes a fresh stub per call (stubs carry their deadline). */
    TreePages(Supplier<CoordinatorGrpc.CoordinatorBlockingStub> stubs, String campaignId) {
        this.stubs = stubs;
        this.campaignId = campaignId;
    }

    /**
     * Every experiment, page by page from cursor 0, in arrival order. Checks the paging contract
     * on the way: each page starts where the last ended, and the last page's cursor is the total.
     */
    List<ExperimentEvent> all(boolean omitPatches) {
        List<ExperimentEvent> out = new ArrayList<>();
        long cursor = 0;
        int pages = 0;
        while (true) {
            GetTreeResponse page = stubs.get().getTree(GetTreeRequest.newBuilder().setCampaignId(campaignId)
                    .setCursor(cursor).setPageSize(PAGE_SIZE).setOmitPatches(omitPatches).build());
            pages++;
            assertEquals(cursor + page.getExperimentsCount(), page.getNextCursor(), "page at cursor " + cursor);
            out.addAll(page.getExperimentsList());
            if (page.getNextCursor() >= page.getTotal()) {
                assertEquals(page.getTotal(), page.getNextCursor(), "the last page ends at the total");
                assertEquals(page.getTotal(), out.size(), "total vs experiments read over " + pages + " page(s)");
                return out;
            }
            assertTrue(page.getExperimentsCount() > 0, "an empty page before the end at cursor " + cursor);
            cursor = page.getNextCursor();
        }
    }

    /** The ids on the lineage of an experiment, root side first. */
    List<String> lineageIds(String experimentId) {
        return stubs.get().getLineage(GetLineageRequest.newBuilder().setCampaignId(campaignId)
                .setExperimentId(experimentId).build()).getExperimentsList().stream().map(ExperimentEvent::getId).toList();
    }

    /** The lineage of an experiment, root side first. */
    List<ExperimentEvent> lineage(String experimentId) {
        return stubs.get().getLineage(GetLineageRequest.newBuilder().setCampaignId(campaignId)
                .setExperimentId(experimentId).build()).getExperimentsList();
    }
}
