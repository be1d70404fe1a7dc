package io.swarmhub.coordinator.api;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's gRPC server: the Coordinator service, gRPC health and server reflection.
 * It takes its {@link ServerBuilder} (Netty in production, in-process in tests) and its state.
 */
public final class CoordinatorServer implements AutoCloseable {
    private final Server server;
    private final CoordinatorService service;
    private final HealthStatusManager health = new HealthStatusManager();

    /**
     * @param adminToken    token LaunchCampaign and StopCampaign need, or null for none
     * @param watchExecutor runs WatchEvents drains (directExecutor in tests)
     */
    @SuppressWarnings("deprecation") // v1alpha reflection too, for clients that know only that one
    public CoordinatorServer(ServerBuilder<?> builder, CoordinatorState state, String adminToken,
                             Executor watchExecutor) {
        this.service = new CoordinatorService(state, watchExecutor);
        var bound = service.bindService();
        builder.addService(adminToken == null || adminToken.isEmpty() ? bound
                        : ServerInterceptors.intercept(bound, new AdminTokenInterceptor(adminToken)))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(ProtoReflectionService.newInstance());
        this.server = builder.build();
    }

    /** Starts serving and reports SERVING on the health service. */
    public CoordinatorServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(CoordinatorGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return this;
    }

    /** The port it listens on (-1 for in-process servers). */
    public int port() {
        return server.getPort();
    }

    /** Reports NOT_SERVING, ends watch streams, lets calls finish for a moment, then cancels what is left. */
    @Override
    public void close() throws InterruptedException {
        health.enterTerminalState();
        server.shutdown();
        service.closeWatches();
        if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
