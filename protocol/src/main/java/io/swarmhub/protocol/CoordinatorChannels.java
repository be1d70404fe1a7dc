package io.swarmhub.protocol;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * Client channels to a coordinator. gRPC clients accept 4 MB answers by default; a campaign's base
 * bundle (FetchWorkspace) or a lineage thousands of experiments deep (GetLineage with patches) is
 * larger, so every Swarmhub client accepts up to {@link #MAX_RESPONSE_BYTES}.
 */
public final class CoordinatorChannels {
    /** The largest answer a client accepts: 256 MiB. */
    public static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private CoordinatorChannels() {
    }

    /** A plaintext channel to {@code target} ({@code host:port}). */
    public static ManagedChannel plaintext(String target) {
        return ManagedChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(MAX_RESPONSE_BYTES).build();
    }
}
