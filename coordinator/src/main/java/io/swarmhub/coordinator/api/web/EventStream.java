package io.swarmhub.coordinator.api.web;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.WatchEventsRequest;
import io.swarmhub.protocol.v1.WatchEventsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One browser's server-sent event stream: a WatchEvents call whose responses are queued (at most
 * {@link #WINDOW} at a time, by gRPC flow control) and written by one thread of
 * {@link LiveEvents}' pool, with a heartbeat comment whenever nothing came for a while. A failed
 * write means the browser went away: the call is cancelled and the exchange closed.
 */
final class EventStream {
    static final int WINDOW = 64;
    private static final Object END = new Object();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final HttpExchange ex;
    private final CoordinatorGrpc.CoordinatorStub stub;
    private final String campaignId;
    private final long cursor;
    private final Duration heartbeat;
    private final Runnable onEnd;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchEventsRequest> call;

    EventStream(HttpExchange ex, CoordinatorGrpc.CoordinatorStub stub, String campaignId, long cursor,
                Duration heartbeat, Runnable onEnd) {
        this.ex = ex;
        this.stub = stub;
        this.campaignId = campaignId;
        this.cursor = cursor;
        this.heartbeat = heartbeat;
        this.onEnd = onEnd;
    }

    /** Streams until the browser leaves, the coordinator ends the stream, or {@link #close}. */
    void run() {
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 3000\n: experiments of campaign " + campaignId.replaceAll("[\\r\\n]", "")
                    + " from cursor " + cursor + "\n\n");
            watch();
            while (true) {
                Object item = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    write(out, ": heartbeat\n\n");
                } else if (item instanceof WatchEventsResponse r) {
                    write(out, event(r));
                    call.request(1);
                } else if (item instanceof Status s) {
                    write(out, "event: failure\ndata: " + Json.object()
                            .put("error", s.getCode() + ": " + s.getDescription()).end() + "\n\n");
                    return;
                } else {
                    return; // END: the coordinator or this server closed the stream; the browser reconnects
                }
            }
        } catch (IOException e) {
            // the browser went away: nothing to tell anyone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ClientCallStreamObserver<WatchEventsRequest> c = call;
            if (c != null) {
                c.cancel("the browser's event stream ended", null);
            }
            ex.close();
            onEnd.run();
        }
    }

    /** Ends the stream soon, from any thread. */
    void close() {
        queue.add(END);
    }

    private void watch() {
        WatchEventsRequest req = WatchEventsRequest.newBuilder().setCampaignId(campaignId).setCursor(cursor).build();
        stub.watchEvents(req, new ClientResponseObserver<WatchEventsRequest, WatchEventsResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<WatchEventsRequest> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(WINDOW);
            }

            @Override
            public void onNext(WatchEventsResponse value) {
                queue.add(value);
            }

            @Override
            public void onError(Throwable t) {
                queue.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                queue.add(END);
            }
        });
    }

    /** The SSE frame of one experiment: patches and log tail left out (the experiment page fetches them). */
    static String event(WatchEventsResponse r) {
        WatchEventsResponse slim = r.toBuilder().setExperiment(r.getExperiment().toBuilder()
                .clearPatch().clearLineagePatch().clearLogTail()).build();
        try {
            return "id: " + r.getNextCursor() + "\nevent: experiment\ndata: " + PRINTER.print(slim) + "\n\n";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print an experiment as JSON", e);
        }
    }

    private static void write(OutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
