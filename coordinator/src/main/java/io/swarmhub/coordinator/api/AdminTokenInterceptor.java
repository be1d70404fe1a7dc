package io.swarmhub.coordinator.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Requires {@code authorization: Bearer <admin token>} metadata on the calls that change
 * campaigns (LaunchCampaign, StopCampaign) when the coordinator has an admin token.
 */
public final class AdminTokenInterceptor implements ServerInterceptor {
    /** The metadata key clients put the token in. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Set<String> ADMIN_METHODS = Set.of(
            CoordinatorGrpc.getLaunchCampaignMethod().getFullMethodName(),
            CoordinatorGrpc.getStopCampaignMethod().getFullMethodName());

    private final byte[] expected;

    public AdminTokenInterceptor(String adminToken) {
        this.expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (ADMIN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            String given = headers.get(AUTHORIZATION);
            if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                call.close(Status.UNAUTHENTICATED.withDescription(
                        "this coordinator needs its admin token to change campaigns: pass it as"
                                + " 'authorization: Bearer <token>'"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return next.startCall(call, headers);
    }
}
