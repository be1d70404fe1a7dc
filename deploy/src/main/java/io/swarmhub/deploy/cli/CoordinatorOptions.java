package io.swarmhub.deploy.cli;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** {@code --coordinator HOST:PORT} and {@code --admin-token}, shared by the commands that talk to a coordinator. */
public final class CoordinatorOptions {
    /** The coordinator's default gRPC port. */
    public static final int DEFAULT_GRPC_PORT = 7440;
    /** The metadata key carrying the admin token. */
    public static final Metadata.Key<String> TOKEN =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + DEFAULT_GRPC_PORT,
            description = "the coordinator's gRPC address (default: ${DEFAULT-VALUE})")
    String address;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SWARM_ADMIN_TOKEN}",
            description = "admin token for launch/stop (default: $SWARM_ADMIN_TOKEN)")
    String adminToken;

    public String address() {
        return address;
    }

    /** A plaintext channel to the coordinator. */
    public ManagedChannel open() {
        return io.swarmhub.protocol.CoordinatorChannels.plaintext(address);
    }

    /** A blocking stub with a deadline, carrying the admin token when one is set. */
    public CoordinatorGrpc.CoordinatorBlockingStub stub(ManagedChannel channel) {
        Channel ch = adminToken == null || adminToken.isBlank() ? channel
                : ClientInterceptors.intercept(channel, bearer(adminToken));
        return CoordinatorGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static ClientInterceptor bearer(String token) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(TOKEN, "Bearer " + token);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /** One line for a failed call, naming the coordinator and what to do. */
    public String explain(StatusRuntimeException e) {
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> "cannot reach the coordinator at " + address
                    + " (" + e.getStatus().getCode() + "); start one with `swarm up` or `swarm coordinator`,"
                    + " or pass --coordinator HOST:PORT";
            case UNAUTHENTICATED, PERMISSION_DENIED -> "the coordinator at " + address
                    + " refused the admin token; pass --admin-token or set SWARM_ADMIN_TOKEN";
            default -> "the coordinator at " + address + " answered " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
        };
    }
}
