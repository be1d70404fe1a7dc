package io.swarmhub.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.grpc.stub.MetadataUtils;
import io.swarmhub.coordinator.MutableClock;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.MemoryBundleStore;
import io.swarmhub.coordinator.projection.MemoryCampaignLog;
import io.swarmhub.coordinator.projection.Projector;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.protocol.v1.*;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorServiceTest {
    static final String TOKEN = "s3cret";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ExperimentForest forest = new ExperimentForest(1000, Runnable::run);
    final CampaignRegistry<Campaign> campaigns = new CampaignRegistry<>();
    final MemoryBundleStore bundles = new MemoryBundleStore();
    final Projector projector = new Projector(forest, campaigns, bundles);
    final MemoryCampaignLog log = new MemoryCampaignLog(projector);
    CoordinatorServer server;
    ManagedChannel channel;
    CoordinatorGrpc.CoordinatorBlockingStub stub;
    CoordinatorGrpc.CoordinatorBlockingStub admin;

    @BeforeEach
    void start() throws Exception {
        UlidSource ids = new UlidSource(clock, new Random(1));
        CoordinatorState state = new CoordinatorState(forest, campaigns, new NodeRegistry(clock, Duration.ofSeconds(30)),
                new ParentPolicy(new Random(1), 0.0, 3), bundles,
                new CampaignControl(campaigns, bundles, log, ids, clock), ids, "127.0.0.1:9092");
        String name = InProcessServerBuilder.generateName();
        server = new CoordinatorServer(InProcessServerBuilder.forName(name).directExecutor(), state, TOKEN,
                Runnable::run).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = CoordinatorGrpc.newBlockingStub(channel);
        Metadata auth = new Metadata();
        auth.put(AdminTokenInterceptor.AUTHORIZATION, "Bearer " + TOKEN);
        admin = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.close();
    }

    String launch(String name, Direction direction) {
        return admin.launchCampaign(LaunchCampaignRequest.newBuilder()
                .setCampaign(Campaign.newBuilder().setName(name)
                        .setGoal(Goal.newBuilder().setMetric("val").setDirection(direction)))
                .setBaseBundle(ByteString.copyFromUtf8("bundle-of-" + name))
                .setBaseCommit("c0ffee")
                .build()).getCampaignId();
    }

    static ExperimentEvent experiment(String campaign, String id, String parent, ExperimentStatus status,
                                      double metric) {
        return ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId(id).setCampaignId(campaign)
                .setParentId(parent).setStatus(status).setMetric(metric).putMetrics("val", metric)
                .setPatch("patch " + id).setPatchSha256("sha-" + id).setNodeId("n1").build();
    }

    static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void launchCampaign_withoutToken_isUnauthenticated() {
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> stub.launchCampaign(LaunchCampaignRequest.newBuilder()
                .setCampaign(Campaign.newBuilder().setName("x")).build())));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> stub.stopCampaign(
                StopCampaignRequest.newBuilder().setCampaignId("x").build())));
        assertTrue(campaigns.list().isEmpty());
    }

    @Test
    void launchCampaign_logDown_isUnavailable() {
        log.setUnavailable(true);
        assertEquals(Status.Code.UNAVAILABLE, code(() -> launch("x", Direction.MINIMIZE)));
    }

    @Test
    void launchCampaign_thenFetchWorkspaceAndList_showTheCampaign() {
        String id = launch("charlm", Direction.MINIMIZE);
        FetchWorkspaceResponse ws = stub.fetchWorkspace(FetchWorkspaceRequest.newBuilder().setCampaignId(id).build());
        assertEquals("charlm", ws.getCampaign().getName());
        assertArrayEquals("bundle-of-charlm".getBytes(), ws.getBaseBundle().toByteArray());
        assertEquals("c0ffee", ws.getBaseCommit());
        assertEquals(id, stub.listCampaigns(ListCampaignsRequest.getDefaultInstance()).getCampaigns(0).getCampaignId());
        assertEquals(CampaignState.ACTIVE,
                stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId(id).build()).getCampaign().getState());
        assertEquals(Status.Code.NOT_FOUND,
                code(() -> stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId("nope").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> admin.launchCampaign(
                LaunchCampaignRequest.newBuilder().setCampaign(Campaign.getDefaultInstance()).build())));
    }

    @Test
    void heartbeat_learnsOfLaunchesAndStops() {
        RegisterNodeResponse reg = stub.registerNode(RegisterNodeRequest.newBuilder().setSlots(2)
                .setHardware(Hardware.newBuilder().setCpuModel("x86").setCores(8)).build());
        assertTrue(reg.getNodeId().startsWith("node-"));
        assertEquals(30, reg.getLeaseSeconds());
        HeartbeatRequest hb = HeartbeatRequest.newBuilder().setNodeId(reg.getNodeId()).build();
        assertEquals(0, stub.heartbeat(hb).getActiveCampaignIdsCount());
        String id = launch("a", Direction.MINIMIZE);
        assertEquals(id, stub.heartbeat(hb).getActiveCampaignIds(0));
        StopCampaignResponse stopped = admin.stopCampaign(StopCampaignRequest.newBuilder().setCampaignId(id).build());
        assertEquals(CampaignState.STOPPED, stopped.getCampaign().getState());
        assertEquals(0, stub.heartbeat(hb).getActiveCampaignIdsCount());
    }

    @Test
    void heartbeat_unknownOrExpiredNode_isNotFound() {
        assertEquals(Status.Code.NOT_FOUND, code(() -> stub.heartbeat(HeartbeatRequest.newBuilder().setNodeId("x").build())));
        stub.registerNode(RegisterNodeRequest.newBuilder().setNodeId("n1").setSlots(1).build());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Status.Code.NOT_FOUND, code(() -> stub.heartbeat(HeartbeatRequest.newBuilder().setNodeId("n1").build())));
    }

    @Test
    void treeQueries_onASmallTree_answerFromTheTree() {
        String c = launch("t", Direction.MAXIMIZE);
        projector.applyExperiment(experiment(c, "base", "", ExperimentStatus.KEEP, 1.0));
        projector.applyExperiment(experiment(c, "a", "base", ExperimentStatus.KEEP, 2.0));
        projector.applyExperiment(experiment(c, "b", "base", ExperimentStatus.DISCARD, 0.5));
        projector.applyExperiment(experiment(c, "a1", "a", ExperimentStatus.KEEP, 3.0));

        GetLineageResponse lineage = stub.getLineage(GetLineageRequest.newBuilder().setCampaignId(c).setExperimentId("a1").build());
        assertEquals(3, lineage.getExperimentsCount());
        assertEquals("patch a", lineage.getExperiments(1).getPatch());
        GetLineageResponse light = stub.getLineage(GetLineageRequest.newBuilder().setCampaignId(c).setExperimentId("a1")
                .setOmitPatches(true).build());
        assertEquals(3, light.getExperimentsCount());
        assertEquals("a", light.getExperiments(1).getId());
        assertEquals("", light.getExperiments(1).getPatch(), "omit_patches leaves the patches out");
        assertEquals("a1", stub.best(BestRequest.newBuilder().setCampaignId(c).build()).getExperiment().getId());
        assertEquals(2, stub.children(ChildrenRequest.newBuilder().setCampaignId(c).setExperimentId("base").build())
                .getExperimentsCount());
        assertEquals(2, stub.leaves(LeavesRequest.newBuilder().setCampaignId(c).build()).getExperimentsCount());
        assertEquals("a1", stub.leaves(LeavesRequest.newBuilder().setCampaignId(c).setKeepOnly(true).build())
                .getExperiments(0).getId());
        assertEquals(ExperimentStatus.DISCARD, stub.getExperiment(GetExperimentRequest.newBuilder().setCampaignId(c)
                .setExperimentId("b").build()).getExperiment().getStatus());
        assertEquals(Status.Code.NOT_FOUND, code(() -> stub.getExperiment(GetExperimentRequest.newBuilder()
                .setCampaignId(c).setExperimentId("zz").build())));
        FindDuplicateResponse dup = stub.findDuplicate(FindDuplicateRequest.newBuilder().setCampaignId(c)
                .setParentId("base").setPatchSha256("sha-b").build());
        assertEquals("b", dup.getExperimentId());
        assertFalse(stub.findDuplicate(FindDuplicateRequest.newBuilder().setCampaignId(c).setParentId("a")
                .setPatchSha256("sha-b").build()).getFound());
        CampaignInfo info = stub.getCampaign(GetCampaignRequest.newBuilder().setCampaignId(c).build()).getCampaign();
        assertEquals(4, info.getExperiments());
        assertEquals(3, info.getCountsByStatusOrThrow("KEEP"));
        assertEquals("a1", info.getBestExperimentId());
    }

    @Test
    void getTree_pages_returnEachExperimentOnce() {
        String c = launch("t", Direction.MINIMIZE);
        projector.applyExperiment(experiment(c, "e0", "", ExperimentStatus.KEEP, 100));
        for (int i = 1; i < 23; i++) {
            projector.applyExperiment(experiment(c, "e" + i, "e" + (i / 2), ExperimentStatus.KEEP, 100 - i));
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        long cursor = 0;
        GetTreeResponse page;
        do {
            page = stub.getTree(GetTreeRequest.newBuilder().setCampaignId(c).setCursor(cursor).setPageSize(5)
                    .setOmitPatches(true).build());
            page.getExperimentsList().forEach(e -> {
                assertEquals("", e.getPatch());
                seen.add(e.getId());
            });
            cursor = page.getNextCursor();
        } while (cursor < page.getTotal());
        assertEquals(23, seen.size());
        assertEquals(23, new java.util.HashSet<>(seen).size());
        assertEquals(0, stub.getTree(GetTreeRequest.newBuilder().setCampaignId(c).setCursor(cursor).build())
                .getExperimentsCount());
    }

    @Test
    void suggestParent_emptyThenBest() {
        String c = launch("t", Direction.MINIMIZE);
        SuggestParentRequest req = SuggestParentRequest.newBuilder().setCampaignId(c).setNodeId("n1").build();
        assertEquals("baseline", stub.suggestParent(req).getReason());
        assertEquals("", stub.suggestParent(req).getParentId());
        projector.applyExperiment(experiment(c, "base", "", ExperimentStatus.KEEP, 5));
        projector.applyExperiment(experiment(c, "x", "base", ExperimentStatus.KEEP, 4));
        assertEquals("x", stub.suggestParent(req).getParentId());
        assertEquals(Status.Code.NOT_FOUND, code(() -> stub.suggestParent(
                SuggestParentRequest.newBuilder().setCampaignId("nope").build())));
    }

    @Test
    void health_afterStart_isServing() {
        HealthCheckResponse r = HealthGrpc.newBlockingStub(channel).check(
                HealthCheckRequest.newBuilder().setService(CoordinatorGrpc.SERVICE_NAME).build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, r.getStatus());
    }

    @Test
    void reflection_listServices_includesCoordinator() throws Exception {
        var responses = new java.util.concurrent.LinkedBlockingQueue<ServerReflectionResponse>();
        var requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        ServerReflectionResponse r = responses.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(r, "no reflection answer");
        assertTrue(r.getListServicesResponse().getServiceList().stream()
                .anyMatch(s -> s.getName().equals(CoordinatorGrpc.SERVICE_NAME)), r.toString());
    }
}
