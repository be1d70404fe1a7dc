package io.swarmhub.coordinator.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveEventsTest {
    private WebFixture web;
    private String campaign;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture();
        campaign = web.launch("demo", Direction.MINIMIZE);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    private HttpResponse<InputStream> open(String url, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return web.client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads lines until one starts with {@code prefix}; returns the lines read, that one last. */
    private static String until(BufferedReader in, String prefix) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return seen.toString();
            }
        }
        throw new AssertionError("stream ended before a line starting with " + prefix + ":\n" + seen);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling interval of the await
        }
    }

    @Test
    void events_deliverAnExperimentAndResumeFromLastEventId() throws Exception {
        String url = web.url("/api/campaigns/" + campaign + "/events");
        HttpResponse<InputStream> live = open(url, null);
        assertEquals(200, live.statusCode());
        assertEquals("text/event-stream; charset=utf-8", live.headers().firstValue("Content-Type").orElse(""));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            until(in, ": experiments of campaign");
            web.apply(campaign, "base", "", ExperimentStatus.KEEP, 5);
            String frame = until(in, "data: ");
            assertTrue(frame.contains("id: 1\nevent: experiment\n"), frame);
            assertTrue(frame.contains("\"id\":\"base\"") && frame.contains("\"status\":\"KEEP\""), frame);
            assertTrue(!frame.contains("\"patch\""), "patches stay out of the stream: " + frame);
        }
        web.apply(campaign, "a", "base", ExperimentStatus.DISCARD, 6);
        // a browser reconnecting after event 1 gets event 2 at once, whatever ?cursor= says
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(url + "?cursor=0", "1").body(),
                StandardCharsets.UTF_8))) {
            String frame = until(in, "data: ");
            assertTrue(frame.contains("id: 2\n") && frame.contains("\"id\":\"a\""), frame);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(url + "?cursor=0", null).body(),
                StandardCharsets.UTF_8))) {
            assertTrue(until(in, "data: ").contains("\"id\":\"base\""));
        }
    }

    @Test
    void events_unknownCampaignOrBadCursor_areRefused() throws Exception {
        assertEquals(404, web.get("/api/campaigns/nope/events").statusCode());
        assertEquals(400, web.get("/api/campaigns/" + campaign + "/events?cursor=x").statusCode());
        assertEquals(400, open(web.url("/api/campaigns/" + campaign + "/events"), "-3").statusCode());
    }

    @Test
    void events_heartbeatThenClientLeaves_streamEndsAndFreesItsSlot() throws Exception {
        LiveEvents events = new LiveEvents(web.channel, Duration.ofMillis(100), 1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", ex -> events.handle(ex, campaign, Map.of()));
        server.setExecutor(Executors.newFixedThreadPool(1)); // one HTTP thread, never held by a stream
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            HttpResponse<InputStream> first = open(url, null);
            BufferedReader in = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8));
            until(in, ": heartbeat");
            assertEquals(1, events.openStreams());
            HttpResponse<String> second = web.client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, second.statusCode(), "past maxStreams");
            assertEquals("10", second.headers().firstValue("Retry-After").orElse(""));
            in.close();
            await(() -> events.openStreams() == 0, "the stream to notice the browser left");
            HttpResponse<InputStream> third = open(url, null);
            assertEquals(200, third.statusCode(), "the slot is free again");
            third.body().close();
        } finally {
            events.close();
            server.stop(0);
        }
    }

    @Test
    void cursor_lastEventIdWinsOverParameter() {
        assertEquals(7L, LiveEvents.cursor("7", "3"));
        assertEquals(3L, LiveEvents.cursor(null, "3"));
        assertNull(LiveEvents.cursor(" ", null));
        assertThrows(IllegalArgumentException.class, () -> LiveEvents.cursor("x", null));
    }
}
