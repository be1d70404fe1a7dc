package io.swarmhub.coordinator.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebApiTest {
    private final ObjectMapper json = new ObjectMapper();
    private WebFixture web;
    private String campaign;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture();
        campaign = web.launch("demo", Direction.MINIMIZE);
        web.apply(campaign, "base", "", ExperimentStatus.KEEP, 50);
        for (int i = 0; i < 300; i++) {
            web.apply(campaign, "d" + i, "base", ExperimentStatus.DISCARD, 60 + i);
            if (i % 50 == 0) {
                web.apply(campaign, "k" + i, i == 0 ? "base" : "k" + (i - 50), ExperimentStatus.KEEP, 49 - i / 50.0);
            }
        }
        web.apply(campaign, "crash", "base", ExperimentStatus.CRASH, Double.NaN);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    private JsonNode get(String path, int status) throws Exception {
        var r = web.get(path);
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        return json.readTree(r.body());
    }

    @Test
    void progress_thinned_keepsEveryKeepAndPagesOnFromCursor() throws Exception {
        String api = "/api/campaigns/" + campaign;
        JsonNode all = get(api + "/progress", 200);
        assertEquals(308, all.path("nextCursor").asLong());
        assertEquals(308, all.path("points").size());
        assertFalse(all.path("sampled").asBoolean());
        assertEquals("KEEP", all.path("statuses").get(1).asText());
        JsonNode first = all.path("points").get(0);
        assertEquals(List.of(0L, 1L, 50L, 1L), List.of(first.get(0).asLong(), (long) first.size() - 4, first.get(2).asLong(),
                first.get(3).asLong()));
        assertTrue(all.path("points").get(307).get(2).isNull(), "a NaN metric is null");

        JsonNode thin = get(api + "/progress?max=40", 200);
        assertTrue(thin.path("sampled").asBoolean());
        int keeps = 0;
        for (JsonNode p : thin.path("points")) {
            keeps += p.get(3).asInt() == 1 ? 1 : 0;
        }
        assertEquals(7, keeps, "the baseline and all six kept improvements");
        assertTrue(thin.path("points").size() <= 41, thin.path("points").size() + " points");

        web.apply(campaign, "late", "k250", ExperimentStatus.KEEP, 1);
        JsonNode more = get(api + "/progress?cursor=308", 200);
        assertEquals(1, more.path("points").size());
        assertEquals(308, more.path("points").get(0).get(0).asLong());
        assertEquals(309, more.path("nextCursor").asLong());
        assertEquals(7, get(api + "/progress?keeps=true", 200).path("points").size() - 1);
    }

    @Test
    void progress_badParametersOrCampaign_are400or404() throws Exception {
        assertTrue(get("/api/campaigns/" + campaign + "/progress?max=0", 400).path("error").asText().contains("max"));
        get("/api/campaigns/" + campaign + "/progress?cursor=-1", 400);
        get("/api/campaigns/" + campaign + "/progress?keeps=maybe", 400);
        get("/api/campaigns/nope/progress", 404);
    }

    @Test
    void children_rootsAndPages_listBestLineageFirst() throws Exception {
        String api = "/api/campaigns/" + campaign;
        JsonNode roots = get(api + "/roots", 200);
        assertEquals(1, roots.path("total").asInt());
        JsonNode base = roots.path("experiments").get(0);
        assertEquals("base", base.path("id").asText());
        assertTrue(base.path("onBestLineage").asBoolean());
        assertEquals(302, base.path("children").asInt());

        JsonNode page = get(api + "/experiments/base/children?limit=3", 200);
        assertEquals(302, page.path("total").asInt());
        List<String> ids = new ArrayList<>();
        page.path("experiments").forEach(e -> ids.add(e.path("id").asText()));
        assertEquals(List.of("k0", "d0", "d1"), ids, "the best lineage first, then arrival order");
        assertEquals("try k0", page.path("experiments").get(0).path("description").asText());
        assertEquals("KEEP", page.path("experiments").get(0).path("status").asText());
        JsonNode next = get(api + "/experiments/base/children?offset=300&limit=25", 200);
        assertEquals(2, next.path("experiments").size());
        get(api + "/experiments/nope/children", 404);
        get(api + "/experiments/base/children?limit=501", 400);
    }

    @Test
    void findings_rankKeepsByMetric() throws Exception {
        JsonNode f = get("/api/campaigns/" + campaign + "/findings?limit=3", 200).path("findings");
        assertEquals(3, f.size());
        assertEquals("k250", f.get(0).path("id").asText());
        assertEquals(44.0, f.get(0).path("metric").asDouble());
        assertEquals("k200", f.get(1).path("id").asText());
        assertEquals("k200", f.get(0).path("parentId").asText());
    }

    @Test
    void lineage_withoutPatches_leavesPatchesOut() throws Exception {
        JsonNode full = get("/api/campaigns/" + campaign + "/experiments/k100/lineage", 200).path("experiments");
        JsonNode slim = get("/api/campaigns/" + campaign + "/experiments/k100/lineage?patches=false", 200).path("experiments");
        assertEquals(4, slim.size());
        assertTrue(full.get(1).has("patch"));
        assertFalse(slim.get(1).has("patch"));
        assertEquals("k100", slim.get(3).path("id").asText());
    }

    @Test
    void breadcrumb_listsTheLineageCompactly() throws Exception {
        JsonNode crumbs = get("/api/campaigns/" + campaign + "/experiments/k100/breadcrumb", 200).path("experiments");
        List<String> ids = new ArrayList<>();
        crumbs.forEach(e -> ids.add(e.path("id").asText()));
        assertEquals(List.of("base", "k0", "k50", "k100"), ids);
        assertFalse(crumbs.get(1).has("patch"));
        assertTrue(crumbs.get(3).path("onBestLineage").asBoolean());
        get("/api/campaigns/" + campaign + "/experiments/nope/breadcrumb", 404);
    }

    @Test
    void server_namesTheCoordinatorAsTheBrowserReachesIt() throws Exception {
        JsonNode local = get("/api/server", 200);
        assertEquals(web.channel.authority(), local.path("coordinator").asText());
        try (Socket s = new Socket("127.0.0.1", web.http.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/server HTTP/1.1\r\nHost: coord.example:7441\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String body = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .lines().reduce("", (a, b) -> b);
            JsonNode remote = json.readTree(body);
            assertTrue(remote.path("coordinator").asText().startsWith("coord.example:"), body);
            assertFalse(remote.path("isDefault").asBoolean());
        }
    }
}
