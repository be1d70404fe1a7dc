package io.swarmhub.coordinator.api.web;

import com.sun.net.httpserver.HttpExchange;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/campaigns/{id}/events}: a campaign's experiments as server-sent events, fed by
 * the coordinator's WatchEvents stream. Each stream runs on this class's own bounded pool, never
 * on the HTTP server's few threads; past {@code maxStreams} open streams a request is answered 503.
 * The event id is the cursor after the event, so a browser that reconnects with
 * {@code Last-Event-ID} misses nothing; without one, {@code ?cursor=} says where to start, and
 * without either the stream starts at the campaign's size when the request arrived.
 */
public final class LiveEvents implements AutoCloseable {
    private final CoordinatorGrpc.CoordinatorStub async;
    private final CoordinatorGrpc.CoordinatorBlockingStub blocking;
    private final Duration heartbeat;
    private final int maxStreams;
    private final Semaphore slots;
    private final ExecutorService executor;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Streams from the coordinator behind {@code channel}, with a heartbeat comment every {@code heartbeat}. */
    public LiveEvents(Channel channel, Duration heartbeat, int maxStreams) {
        this.async = CoordinatorGrpc.newStub(channel);
        this.blocking = CoordinatorGrpc.newBlockingStub(channel);
        this.heartbeat = heartbeat;
        this.maxStreams = maxStreams;
        this.slots = new Semaphore(maxStreams);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "coordinator-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether {@code p} (the request path split on '/') is a campaign's event stream. */
    public static boolean serves(String[] p) {
        return p.length == 5 && p[1].equals("api") && p[2].equals("campaigns") && p[4].equals("events");
    }

    /**
     * Starts the stream for {@code campaignId} on this class's pool and returns at once, leaving
     * {@code ex} open; refusals (unknown campaign, bad cursor, too many streams) are answered here.
     */
    public void handle(HttpExchange ex, String campaignId, Map<String, String> query) throws IOException {
        Long cursor;
        try {
            cursor = cursor(ex.getRequestHeaders().getFirst("Last-Event-ID"), query.get("cursor"));
            long size = blocking.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getCampaign(GetCampaignRequest.newBuilder().setCampaignId(campaignId).build())
                    .getCampaign().getExperiments();
            if (cursor == null) {
                cursor = size; // "from now" is fixed here, so nothing applied after this request is missed
            }
        } catch (IllegalArgumentException e) {
            refuse(ex, 400, e.getMessage());
            return;
        } catch (StatusRuntimeException e) {
            refuse(ex, e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND ? 404 : 502,
                    e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            return;
        }
        if (closed || !slots.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "10");
            refuse(ex, 503, "too many live event streams (at most " + maxStreams + "); retry later");
            return;
        }
        EventStream stream = new EventStream(ex, async, campaignId, cursor, heartbeat, slots::release);
        open.add(stream);
        try {
            executor.execute(() -> {
                try {
                    stream.run();
                } finally {
                    open.remove(stream);
                }
            });
        } catch (RuntimeException e) {
            open.remove(stream);
            slots.release();
            refuse(ex, 503, "the server is shutting down");
        }
    }

    /** How many streams are open now. */
    public int openStreams() {
        return open.size();
    }

    /** The cursor to start from: Last-Event-ID (a reconnect) wins over {@code ?cursor=}; null = from now. */
    static Long cursor(String lastEventId, String cursorParam) {
        String v = lastEventId != null && !lastEventId.isBlank() ? lastEventId.trim() : cursorParam;
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            long c = Long.parseLong(v);
            if (c >= 0) {
                return c;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("the cursor (Last-Event-ID or ?cursor=) must be a whole number >= 0, not " + v);
    }

    private static void refuse(HttpExchange ex, int code, String message) throws IOException {
        byte[] body = Json.object().put("error", message).end().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        ex.close();
    }

    /** Ends every open stream (browsers reconnect later with their cursor) and stops the pool. */
    @Override
    public void close() {
        closed = true;
        open.forEach(EventStream::close);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(3, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
