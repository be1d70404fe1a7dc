package io.swarmhub.coordinator.api.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.GetTreeRequest;
import io.swarmhub.protocol.v1.GetTreeResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One {@link CampaignIndex} per campaign, made on first use and brought up to date on every read
 * from {@code GetTree} pages without patches, starting at the index's own cursor: arrival order
 * only grows, so each read costs one small call when nothing new arrived. At most {@link #KEPT}
 * campaigns' indexes are held (least recently viewed go first), and none past {@link #IDLE}
 * without a view: a campaign viewed again is indexed again.
 */
final class CampaignIndexes {
    static final int KEPT = 16;
    static final Duration IDLE = Duration.ofMinutes(30);
    private static final int PAGE = 1000;

    private final CoordinatorGrpc.CoordinatorBlockingStub stub;
    private final Cache<String, CampaignIndex> indexes;

    CampaignIndexes(CoordinatorGrpc.CoordinatorBlockingStub stub) {
        this(stub, KEPT, IDLE, Ticker.systemTicker());
    }

    CampaignIndexes(CoordinatorGrpc.CoordinatorBlockingStub stub, int kept, Duration idle, Ticker ticker) {
        this.stub = stub;
        this.indexes = Caffeine.newBuilder().maximumSize(kept).expireAfterAccess(idle).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /** How many campaigns' indexes are held now. */
    long held() {
        indexes.cleanUp();
        return indexes.estimatedSize();
    }

    /**
     * The campaign's index with every experiment the coordinator holds now.
     *
     * @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown campaign, or when the coordinator fails
     */
    CampaignIndex current(String campaignId) {
        CampaignIndex index = indexes.getIfPresent(campaignId);
        if (index == null) {
            Direction direction = call().getCampaign(GetCampaignRequest.newBuilder().setCampaignId(campaignId).build())
                    .getCampaign().getCampaign().getGoal().getDirection();
            index = indexes.get(campaignId, id -> new CampaignIndex(direction != Direction.MAXIMIZE));
        }
        synchronized (index) {
            while (true) {
                GetTreeResponse page = call().getTree(GetTreeRequest.newBuilder().setCampaignId(campaignId)
                        .setCursor(index.size()).setPageSize(PAGE).setOmitPatches(true).build());
                for (ExperimentEvent e : page.getExperimentsList()) {
                    index.add(new CampaignIndex.Entry(e.getId(), e.getParentId(), e.getStatusValue(), e.getMetric(),
                            e.getFinishedAtMs(), e.getNodeId(), e.getProposer(), e.getDescription()));
                }
                if (page.getExperimentsCount() == 0 || page.getNextCursor() >= page.getTotal()) {
                    return index;
                }
            }
        }
    }

    private CoordinatorGrpc.CoordinatorBlockingStub call() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
