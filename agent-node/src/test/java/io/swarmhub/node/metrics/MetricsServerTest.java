package io.swarmhub.node.metrics;

import io.swarmhub.protocol.metrics.ScrapeHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A node's /metrics endpoint over real HTTP. */
class MetricsServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void get_scrapesAtEveryRequest() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0,
                () -> "# TYPE up gauge\nup " + scrapes.incrementAndGet() + "\n")) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port() + "/metrics", server.url());
            HttpResponse<String> first = get(server.url());
            HttpResponse<String> second = get(server.url());
            assertEquals(200, first.statusCode());
            assertEquals(ScrapeHandler.CONTENT_TYPE, first.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("# TYPE up gauge\nup 1\n", first.body());
            assertEquals("# TYPE up gauge\nup 2\n", second.body());
            assertEquals(404, get(server.url() + "/more").statusCode());
            assertEquals(405, client.send(HttpRequest.newBuilder(URI.create(server.url()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void start_onABusyPort_fails() throws Exception {
        try (MetricsServer first = MetricsServer.start("127.0.0.1", 0, () -> "")) {
            assertThrows(IOException.class, () -> MetricsServer.start("127.0.0.1", first.port(), () -> ""));
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
