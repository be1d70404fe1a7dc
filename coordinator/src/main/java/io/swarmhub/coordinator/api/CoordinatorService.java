package io.swarmhub.coordinator.api;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.swarmhub.coordinator.campaign.CampaignEntry;
import io.swarmhub.coordinator.node.NodeLease;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.LogUnavailableException;
import io.swarmhub.coordinator.projection.WireFormat;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.coordinator.tree.Page;
import io.swarmhub.coordinator.tree.Suggestion;
import io.swarmhub.protocol.v1.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The Coordinator gRPC service: each RPC maps its request to one call on the state and back. */
final class CoordinatorService extends CoordinatorGrpc.CoordinatorImplBase {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    static final int PAGE_BYTES = 2 * 1024 * 1024;
    static final int DEFAULT_LEAVES = 1000;

    private final CoordinatorState s;
    private final Executor watchExecutor;
    private final Set<ExperimentWatch> watches = ConcurrentHashMap.newKeySet();

    CoordinatorService(CoordinatorState state, Executor watchExecutor) {
        this.s = state;
        this.watchExecutor = watchExecutor;
    }

    @Override
    public void registerNode(RegisterNodeRequest req, StreamObserver<RegisterNodeResponse> out) {
        unary(out, () -> {
            String id = req.getNodeId().isBlank() ? "node-" + s.ids().suffix(10) : req.getNodeId();
            NodeLease lease = s.nodes().register(id, WireFormat.toHardware(req.getHardware()), req.getSlots());
            RegisterNodeResponse.Builder b = RegisterNodeResponse.newBuilder()
                    .setNodeId(lease.nodeId())
                    .setLeaseSeconds(s.nodes().leaseDuration().toSeconds())
                    .setKafkaBootstrap(s.kafkaBootstrap() == null ? "" : s.kafkaBootstrap());
            s.campaigns().active().forEach(c -> b.addActiveCampaigns(info(c)));
            return b.build();
        });
    }

    @Override
    public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> out) {
        unary(out, () -> {
            s.nodes().renew(req.getNodeId()).orElseThrow(() -> new NoSuchElementException("node "
                    + req.getNodeId() + " is not registered or its lease expired: register again"));
            HeartbeatResponse.Builder b = HeartbeatResponse.newBuilder()
                    .setLeaseSeconds(s.nodes().leaseDuration().toSeconds());
            s.campaigns().active().forEach(c -> b.addActiveCampaignIds(c.id()));
            return b.build();
        });
    }

    @Override
    public void fetchWorkspace(FetchWorkspaceRequest req, StreamObserver<FetchWorkspaceResponse> out) {
        unary(out, () -> {
            CampaignEntry<Campaign> c = campaign(req.getCampaignId());
            byte[] bundle;
            try {
                bundle = s.bundles().get(c.id()).orElse(new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the base bundle of campaign " + c.id(), e);
            }
            return FetchWorkspaceResponse.newBuilder().setCampaignId(c.id()).setCampaign(c.definition())
                    .setBaseBundle(ByteString.copyFrom(bundle)).setBaseCommit(c.baseCommit()).build();
        });
    }

    @Override
    public void launchCampaign(LaunchCampaignRequest req, StreamObserver<LaunchCampaignResponse> out) {
        unary(out, () -> LaunchCampaignResponse.newBuilder().setCampaignId(s.control().launch(req.getCampaign(),
                req.getBaseBundle().toByteArray(), req.getBaseCommit(), req.getCampaignId())).build());
    }

    @Override
    public void listCampaigns(ListCampaignsRequest req, StreamObserver<ListCampaignsResponse> out) {
        unary(out, () -> ListCampaignsResponse.newBuilder()
                .addAllCampaigns(s.campaigns().list().stream().map(this::info).toList()).build());
    }

    @Override
    public void getCampaign(GetCampaignRequest req, StreamObserver<GetCampaignResponse> out) {
        unary(out, () -> GetCampaignResponse.newBuilder().setCampaign(info(campaign(req.getCampaignId()))).build());
    }

    @Override
    public void stopCampaign(StopCampaignRequest req, StreamObserver<StopCampaignResponse> out) {
        unary(out, () -> StopCampaignResponse.newBuilder()
                .setCampaign(info(s.control().stop(req.getCampaignId()))).build());
    }

    @Override
    public void getTree(GetTreeRequest req, StreamObserver<GetTreeResponse> out) {
        unary(out, () -> {
            int size = req.getPageSize() <= 0 ? DEFAULT_PAGE : Math.min(req.getPageSize(), MAX_PAGE);
            if (req.getCursor() < 0) {
                throw new IllegalArgumentException("cursor must be >= 0");
            }
            Page page = tree(req.getCampaignId()).page(req.getCursor(), size);
            GetTreeResponse.Builder b = GetTreeResponse.newBuilder().setTotal(page.total());
            long next = req.getCursor();
            int bytes = 0;
            for (Experiment e : page.items()) {
                ExperimentEvent event = req.getOmitPatches() ? WireFormat.toSummary(e) : WireFormat.toEvent(e);
                bytes += event.getSerializedSize();
                if (bytes > PAGE_BYTES && b.getExperimentsCount() > 0) {
                    break; // keep replies well under gRPC's default 4 MB message limit
                }
                b.addExperiments(event);
                next++;
            }
            return b.setNextCursor(next).build();
        });
    }

    @Override
    public void getExperiment(GetExperimentRequest req, StreamObserver<GetExperimentResponse> out) {
        unary(out, () -> GetExperimentResponse.newBuilder()
                .setExperiment(WireFormat.toEvent(experiment(req.getCampaignId(), req.getExperimentId()))).build());
    }

    @Override
    public void getLineage(GetLineageRequest req, StreamObserver<GetLineageResponse> out) {
        unary(out, () -> {
            tree(req.getCampaignId());
            List<Experiment> lineage = s.forest().lineage(req.getCampaignId(), req.getExperimentId())
                    .orElseThrow(() -> unknownExperiment(req.getCampaignId(), req.getExperimentId()));
            GetLineageResponse.Builder b = GetLineageResponse.newBuilder();
            lineage.forEach(e -> b.addExperiments(req.getOmitPatches() ? WireFormat.toSummary(e) : WireFormat.toEvent(e)));
            return b.build();
        });
    }

    @Override
    public void children(ChildrenRequest req, StreamObserver<ChildrenResponse> out) {
        unary(out, () -> ChildrenResponse.newBuilder().addAllExperiments(events(tree(req.getCampaignId())
                .children(req.getExperimentId())
                .orElseThrow(() -> unknownExperiment(req.getCampaignId(), req.getExperimentId())))).build());
    }

    @Override
    public void leaves(LeavesRequest req, StreamObserver<LeavesResponse> out) {
        unary(out, () -> {
            ExperimentTree tree = tree(req.getCampaignId());
            int limit = req.getLimit() <= 0 ? DEFAULT_LEAVES : req.getLimit();
            List<Experiment> leaves = req.getKeepOnly() ? tree.keepLeaves(limit) : tree.leaves(limit);
            return LeavesResponse.newBuilder().addAllExperiments(events(leaves)).build();
        });
    }

    @Override
    public void best(BestRequest req, StreamObserver<BestResponse> out) {
        unary(out, () -> {
            Optional<Experiment> best = tree(req.getCampaignId()).best(direction(req.getCampaignId()));
            BestResponse.Builder b = BestResponse.newBuilder().setFound(best.isPresent());
            best.ifPresent(e -> b.setExperiment(WireFormat.toEvent(e)));
            return b.build();
        });
    }

    @Override
    public void watchEvents(WatchEventsRequest req, StreamObserver<WatchEventsResponse> out) {
        try {
            tree(req.getCampaignId());
            if (req.hasCursor() && req.getCursor() < 0) {
                throw new IllegalArgumentException("cursor must be >= 0");
            }
        } catch (RuntimeException e) {
            out.onError(toStatus(e).asRuntimeException());
            return;
        }
        ExperimentWatch.start((ServerCallStreamObserver<WatchEventsResponse>) out, s.forest(), req.getCampaignId(),
                req.hasCursor() ? Optional.of(req.getCursor()) : Optional.empty(), watchExecutor, watches);
    }

    /** Completes every open WatchEvents stream, so a shutting-down server need not wait for them. */
    void closeWatches() {
        List.copyOf(watches).forEach(ExperimentWatch::close);
    }

    @Override
    public void suggestParent(SuggestParentRequest req, StreamObserver<SuggestParentResponse> out) {
        unary(out, () -> {
            Suggestion suggestion = s.policy().suggest(tree(req.getCampaignId()), direction(req.getCampaignId()),
                    req.getNodeId());
            SuggestParentResponse.Builder b = SuggestParentResponse.newBuilder()
                    .setReason(suggestion.reason().name().toLowerCase(Locale.ROOT));
            suggestion.parent().ifPresent(p -> b.setParentId(p.id()).setParent(WireFormat.toEvent(p)));
            return b.build();
        });
    }

    @Override
    public void findDuplicate(FindDuplicateRequest req, StreamObserver<FindDuplicateResponse> out) {
        unary(out, () -> {
            Optional<String> id = tree(req.getCampaignId()).duplicateOf(req.getParentId(), req.getPatchSha256());
            return FindDuplicateResponse.newBuilder().setFound(id.isPresent()).setExperimentId(id.orElse("")).build();
        });
    }

    @Override
    public void listNodes(ListNodesRequest req, StreamObserver<ListNodesResponse> out) {
        unary(out, () -> NodeListing.list(s.nodes(), s.forest(), req.getCampaignId()));
    }

    private CampaignInfo info(CampaignEntry<Campaign> c) {
        return WireFormat.toInfo(c, s.forest().tree(c.id()));
    }

    private CampaignEntry<Campaign> campaign(String id) {
        return s.campaigns().get(id).orElseThrow(() -> new NoSuchElementException("unknown campaign " + id));
    }

    /** The campaign's tree; an empty one for a known campaign without experiments yet. */
    private ExperimentTree tree(String campaignId) {
        return s.forest().tree(campaignId).orElseGet(() -> {
            campaign(campaignId);
            return new ExperimentTree(campaignId);
        });
    }

    private Experiment experiment(String campaignId, String id) {
        return tree(campaignId).get(id).orElseThrow(() -> unknownExperiment(campaignId, id));
    }

    private Direction direction(String campaignId) {
        return s.campaigns().get(campaignId).map(CampaignEntry::direction).orElse(Direction.MINIMIZE);
    }

    private static NoSuchElementException unknownExperiment(String campaignId, String id) {
        return new NoSuchElementException("campaign " + campaignId + " has no experiment " + id);
    }

    private static List<ExperimentEvent> events(List<Experiment> experiments) {
        return experiments.stream().map(WireFormat::toEvent).toList();
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> body) {
        T reply;
        try {
            reply = body.get();
        } catch (RuntimeException e) {
            out.onError(toStatus(e).asRuntimeException());
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }

    private static Status toStatus(RuntimeException e) {
        Status status;
        if (e instanceof NoSuchElementException) {
            status = Status.NOT_FOUND;
        } else if (e instanceof IllegalArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (e instanceof CampaignControl.AlreadyExistsException) {
            status = Status.ALREADY_EXISTS;
        } else if (e instanceof LogUnavailableException) {
            status = Status.UNAVAILABLE;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(e.getMessage()).withCause(e);
    }
}
