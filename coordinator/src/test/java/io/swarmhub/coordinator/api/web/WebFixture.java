package io.swarmhub.coordinator.api.web;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.swarmhub.coordinator.MutableClock;
import io.swarmhub.coordinator.UlidSource;
import io.swarmhub.coordinator.api.CoordinatorServer;
import io.swarmhub.coordinator.api.CoordinatorState;
import io.swarmhub.coordinator.api.HttpApi;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.MemoryBundleStore;
import io.swarmhub.coordinator.projection.MemoryCampaignLog;
import io.swarmhub.coordinator.projection.Projector;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.LaunchCampaignRequest;
import io.swarmhub.protocol.v1.SchemaVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real coordinator service (in-process gRPC, in-memory log) behind a real {@link HttpApi} on
 * 127.0.0.1, for the web UI's handler tests; experiments are applied straight to the projection.
 */
final class WebFixture implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ExperimentForest forest = new ExperimentForest(1000, Runnable::run);
    final CampaignRegistry<Campaign> campaigns = new CampaignRegistry<>();
    final MemoryBundleStore bundles = new MemoryBundleStore();
    final Projector projector = new Projector(forest, campaigns, bundles);
    final ExecutorService watches = Executors.newCachedThreadPool();
    final CoordinatorServer server;
    final ManagedChannel channel;
    final CoordinatorGrpc.CoordinatorBlockingStub stub;
    final HttpApi http;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebFixture() throws Exception {
        UlidSource ids = new UlidSource(clock, new Random(1));
        CoordinatorState state = new CoordinatorState(forest, campaigns, new NodeRegistry(clock, Duration.ofSeconds(30)),
                new ParentPolicy(new Random(1), 0.0, 3), bundles,
                new CampaignControl(campaigns, bundles, new MemoryCampaignLog(projector), ids, clock), ids, "127.0.0.1:9092");
        String name = InProcessServerBuilder.generateName();
        server = new CoordinatorServer(InProcessServerBuilder.forName(name).directExecutor(), state, null, watches).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = CoordinatorGrpc.newBlockingStub(channel);
        http = HttpApi.start("127.0.0.1", 0, channel);
    }

    String launch(String name, Direction direction) {
        return stub.launchCampaign(LaunchCampaignRequest.newBuilder()
                .setCampaign(Campaign.newBuilder().setName(name)
                        .setGoal(Goal.newBuilder().setMetric("loss").setDirection(direction)))
                .setBaseBundle(ByteString.copyFromUtf8("bundle")).setBaseCommit("c0ffee").build()).getCampaignId();
    }

    void apply(String campaign, String id, String parent, ExperimentStatus status, double metric) {
        projector.applyExperiment(ExperimentEvent.newBuilder().setSchema(SchemaVersion.SCHEMA_V1).setId(id)
                .setCampaignId(campaign).setParentId(parent).setStatus(status).setMetric(metric)
                .putMetrics("loss", metric).setPatch("--- a/p\n+++ b/p\n-x=1\n+x=2\n").setPatchSha256("sha-" + id)
                .setNodeId(id.hashCode() % 2 == 0 ? "node-a" : "node-b").setDescription("try " + id)
                .setFinishedAtMs(1_000 + id.hashCode() % 1000).build());
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.port() + path;
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        http.close();
        channel.shutdownNow();
        server.close();
        watches.shutdownNow();
    }
}
