package io.swarmhub.deploy.cli;

import io.swarmhub.coordinator.Config;
import io.swarmhub.coordinator.Coordinator;
import io.swarmhub.coordinator.api.HttpApi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm coordinator}: the experiment tree and the gRPC API, over a Kafka cluster. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Run the coordinator: consumes the swarm's log into the experiment tree and serves it over gRPC.")
public final class CoordinatorCommand implements Callable<Integer> {
    @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "" + Config.DEFAULT_GRPC_PORT,
            description = "gRPC port (default: ${DEFAULT-VALUE})")
    int grpcPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "7441",
            description = "HTTP port of the JSON API and /metrics (default: ${DEFAULT-VALUE}; -1: off)")
    int httpPort;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 to accept remote nodes (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".swarm/coordinator",
            description = "campaign base bundles (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SWARM_ADMIN_TOKEN}",
            description = "token required to launch and stop campaigns (default: $SWARM_ADMIN_TOKEN; none if unset)")
    String adminToken;

    @Override
    public Integer call() throws Exception {
        Config config = Config.of(kafka, grpcPort, dataDir).withGrpcHost(bind).withAdminToken(adminToken);
        Coordinator coordinator = Coordinator.start(config);
        io.grpc.ManagedChannel self = io.swarmhub.protocol.CoordinatorChannels.plaintext("127.0.0.1:" + coordinator.grpcPort());
        HttpApi http = httpPort < 0 ? null : HttpApi.start(bind, httpPort, self);
        if (http != null) {
            http.mount("/metrics", coordinator.metrics().httpHandler());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (http != null) {
                http.close();
            }
            self.shutdownNow();
            coordinator.close();
            stopped.countDown();
        }, "coordinator-stop"));
        System.err.printf("swarm: coordinator serving gRPC on %s:%d%s (Kafka %s, data in %s)%n", bind,
                coordinator.grpcPort(), http == null ? "" : ", HTTP JSON API on http://" + bind + ":" + http.port() + "/api/campaigns"
                        + ", Prometheus metrics on http://" + bind + ":" + http.port() + "/metrics",
                kafka, dataDir.toAbsolutePath());
        stopped.await();
        return 0;
    }
}
