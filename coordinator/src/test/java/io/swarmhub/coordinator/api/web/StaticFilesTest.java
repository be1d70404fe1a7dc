package io.swarmhub.coordinator.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StaticFilesTest {
    private WebFixture web;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture();
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    /** The status line's code for a request sent byte for byte, so no client tidies the path first. */
    private int raw(String method, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", web.http.port())) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void handle_pages_areHtmlWithPolicyAndRevalidation() throws Exception {
        HttpResponse<String> home = web.get("/");
        assertEquals(200, home.statusCode());
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElse(""));
        assertTrue(home.body().contains("<title>Campaigns"), home.body());
        assertEquals("no-cache", home.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(home.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(web.get("/campaigns/c-1").body().contains("id=\"progress-chart\""));
        assertTrue(web.get("/campaigns/c-1/experiments/01ABC").body().contains("id=\"checkout-cmd\""));
        assertTrue(web.get("/nodes").body().contains("<title>Nodes"));
    }

    @Test
    void handle_assets_haveTypesAndEtags() throws Exception {
        HttpResponse<String> js = web.get("/static/common.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElse(""));
        assertEquals("public, max-age=60", js.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("text/css; charset=utf-8", web.get("/static/style.css").headers().firstValue("Content-Type").orElse(""));
        assertEquals("image/svg+xml", web.get("/static/favicon.svg").headers().firstValue("Content-Type").orElse(""));
        String etag = js.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = web.client.send(HttpRequest.newBuilder(URI.create(web.url("/static/common.js")))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void handle_unknownPathsAndTraversal_are404() throws Exception {
        assertEquals(404, web.get("/static/missing.js").statusCode());
        assertEquals(404, web.get("/nothing/here").statusCode());
        assertEquals(404, web.get("/campaigns.html").statusCode());
        assertEquals(404, raw("GET", "/static/../campaigns.html"));
        assertEquals(404, raw("GET", "/static/..%2fcampaigns.html"));
        assertEquals(404, raw("GET", "/static/%2e%2e/%2e%2e/io/swarmhub/coordinator/api/HttpApi.class"));
        assertEquals(404, raw("GET", "/static/../../io/swarmhub/coordinator/api/HttpApi.class"));
        assertEquals(404, raw("GET", "/static/.%2e/web/campaigns.html"));
        assertEquals(404, raw("GET", "/static/x/../common.js"));
        assertEquals(200, raw("GET", "/static/common.js"));
        assertEquals(200, raw("HEAD", "/"));
        assertEquals(405, raw("POST", "/"));
    }

    @Test
    void route_mapsOnlyKnownShapes() {
        assertEquals("campaigns.html", StaticFiles.route("/"));
        assertEquals("campaign.html", StaticFiles.route("/campaigns/abc/"));
        assertEquals("experiment.html", StaticFiles.route("/campaigns/abc/experiments/e1"));
        assertEquals("static/app-1_x.js", StaticFiles.route("/static/app-1_x.js"));
        assertNull(StaticFiles.route("/static/.hidden.js"));
        assertNull(StaticFiles.route("/static/a.b.js"));
        assertNull(StaticFiles.route("/static/sub/a.js"));
        assertNull(StaticFiles.route("/static/a.class"));
        assertNull(StaticFiles.route("/campaigns/a/b"));
    }
}
