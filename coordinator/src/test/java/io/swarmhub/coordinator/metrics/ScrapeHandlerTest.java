package io.swarmhub.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.swarmhub.protocol.metrics.ScrapeHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /metrics handler over real HTTP. */
class ScrapeHandlerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", new ScrapeHandler(() -> "# TYPE up gauge\nup 1\n"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void get_answersTheScrapeAsPrometheusText() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET());
        assertEquals(200, r.statusCode());
        assertEquals(ScrapeHandler.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(1, PrometheusText.parse(r.body()).value("up"));
    }

    @Test
    void post_isNotAllowed() throws Exception {
        assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());
    }

    @Test
    void longerPath_isNotFound() throws Exception {
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/metrics/other")).GET()).statusCode());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
