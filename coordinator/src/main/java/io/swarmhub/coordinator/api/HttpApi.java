package io.swarmhub.coordinator.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.swarmhub.coordinator.api.web.LiveEvents;
import io.swarmhub.coordinator.api.web.StaticFiles;
import io.swarmhub.coordinator.api.web.WebApi;
import io.swarmhub.protocol.v1.BestRequest;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import io.swarmhub.protocol.v1.GetExperimentRequest;
import io.swarmhub.protocol.v1.GetLineageRequest;
import io.swarmhub.protocol.v1.GetLineageResponse;
import io.swarmhub.protocol.v1.GetTreeRequest;
import io.swarmhub.protocol.v1.ListCampaignsRequest;
import io.swarmhub.protocol.v1.ListNodesRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's read-only JSON API over HTTP, a thin adapter over the gRPC service:
 * {@code /healthz}, {@code /api/nodes?campaign=}, {@code /api/campaigns}, {@code /api/campaigns/{id}},
 * {@code /api/campaigns/{id}/best}, {@code /api/campaigns/{id}/experiments?cursor=&limit=&patches=},
 * {@code /api/campaigns/{id}/experiments/{eid}} and {@code .../{eid}/lineage}. Field names are the
 * protobuf JSON names (camelCase). The web UI's pages ({@code /}), its compact endpoints
 * ({@link WebApi}) and live events ({@link LiveEvents}) are served here too; see docs/web-ui.md.
 */
public final class HttpApi implements AutoCloseable {
    private final HttpServer server;
    private final CoordinatorGrpc.CoordinatorBlockingStub stub;
    private final WebApi web;
    private final LiveEvents live;
    private final java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "coordinator-http");
        t.setDaemon(true);
        return t;
    });

    private HttpApi(HttpServer server, Channel channel) {
        this.server = server;
        this.stub = CoordinatorGrpc.newBlockingStub(channel);
        this.web = new WebApi(channel);
        this.live = new LiveEvents(channel, Duration.ofSeconds(15), 64);
    }

    /** Serves the API on host:port (0 = any free port), calling the coordinator through {@code channel}. */
    public static HttpApi start(String host, int port, Channel channel) throws IOException {
        noDelay();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        HttpApi api = new HttpApi(server, channel);
        server.createContext("/api/", api::handle);
        server.createContext("/healthz", api::handle);
        server.createContext("/", new StaticFiles("web/"));
        server.setExecutor(api.pool);
        server.start();
        return api;
    }

    /**
     * The JDK server leaves Nagle's algorithm on, and it writes headers and body separately, so
     * every small answer waited 40-50 ms for the client's delayed ACK (`swarm bench ui`). The
     * property is read once, when the JDK first creates an HTTP server in this JVM.
     */
    public static void noDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * Serves {@code handler} under {@code path} (the longest matching prefix wins), for the parts
     * that are not the JSON API: the web UI, {@code /metrics}.
     */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().replaceAll("/+$", "").split("/");
        if (ex.getRequestMethod().equals("GET") && LiveEvents.serves(parts)) {
            // answered on the stream's own thread: the exchange stays open after this returns
            live.handle(ex, parts[3], query(ex.getRequestURI().getRawQuery()));
            return;
        }
        try {
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, "{\"error\":\"only GET is served\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String[] p = path.replaceAll("/+$", "").split("/");
            var s = stub.withDeadlineAfter(30, TimeUnit.SECONDS);
            String answer;
            if (path.equals("/healthz")) {
                send(ex, 200, "{\"status\":\"ok\"}");
            } else if (p.length == 3 && p[1].equals("api") && p[2].equals("campaigns")) {
                send(ex, 200, json(s.listCampaigns(ListCampaignsRequest.getDefaultInstance())));
            } else if (p.length == 3 && p[1].equals("api") && p[2].equals("nodes")) {
                send(ex, 200, json(s.listNodes(ListNodesRequest.newBuilder()
                        .setCampaignId(q.getOrDefault("campaign", "")).build())));
            } else if (p.length == 4 && p[1].equals("api") && p[2].equals("campaigns")) {
                send(ex, 200, json(s.getCampaign(GetCampaignRequest.newBuilder().setCampaignId(p[3]).build())));
            } else if (p.length == 5 && p[4].equals("best")) {
                send(ex, 200, json(s.best(BestRequest.newBuilder().setCampaignId(p[3]).build())));
            } else if (p.length == 5 && p[4].equals("experiments")) {
                send(ex, 200, json(s.getTree(GetTreeRequest.newBuilder().setCampaignId(p[3])
                        .setCursor(Long.parseLong(q.getOrDefault("cursor", "0")))
                        .setPageSize(Integer.parseInt(q.getOrDefault("limit", "100")))
                        .setOmitPatches(!"true".equals(q.get("patches"))).build())));
            } else if (p.length == 6 && p[4].equals("experiments")) {
                send(ex, 200, json(s.getExperiment(GetExperimentRequest.newBuilder().setCampaignId(p[3])
                        .setExperimentId(p[5]).build())));
            } else if (p.length == 7 && p[4].equals("experiments") && p[6].equals("lineage")) {
                send(ex, 200, json(s.getLineage(GetLineageRequest.newBuilder().setCampaignId(p[3])
                        .setExperimentId(p[5]).setOmitPatches("false".equals(q.get("patches"))).build())));
            } else if ((answer = web.answer(p, q, ex.getRequestHeaders().getFirst("Host"))) != null) {
                send(ex, 200, answer);
            } else {
                send(ex, 404, "{\"error\":\"no such resource: " + path.replace("\"", "") + "\"}");
            }
        } catch (StatusRuntimeException e) {
            int code = switch (e.getStatus().getCode()) {
                case NOT_FOUND -> 404;
                case INVALID_ARGUMENT -> 400;
                default -> 502;
            };
            send(ex, code, "{\"error\":" + quote(e.getStatus().getCode() + ": " + e.getStatus().getDescription()) + "}");
        } catch (NumberFormatException e) {
            send(ex, 400, "{\"error\":\"cursor and limit must be numbers\"}");
        } catch (IllegalArgumentException e) {
            send(ex, 400, "{\"error\":" + quote(e.getMessage()) + "}");
        } catch (NoSuchElementException e) {
            send(ex, 404, "{\"error\":" + quote(e.getMessage()) + "}");
        } finally {
            ex.close();
        }
    }

    private static String json(MessageOrBuilder m) {
        try {
            return JsonFormat.printer().print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) {
                out.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    @Override
    public void close() {
        live.close();
        server.stop(0);
        pool.shutdownNow();
    }
}
