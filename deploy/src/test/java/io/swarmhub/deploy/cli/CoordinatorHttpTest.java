package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's HTTP JSON API against a real swarm (embedded broker, coordinator, one node). */
class CoordinatorHttpTest {
    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpApi_servesCampaignsTreeAndLineage() throws Exception {
        Path from = Path.of("..", "examples", "rastrigin").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(tmp.resolve("campaign"));
        for (String f : List.of("campaign.yaml", "params.properties", "program.md")) {
            Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Campaign campaign = CampaignLoader.load(dir.resolve("campaign.yaml"));
        try (LocalSwarm swarm = new LocalSwarm(tmp.resolve("swarm"), 1, 1, "adopt", 1)) {
            swarm.start(null, 0, 0, 0);
            String id = swarm.launch(campaign, dir.resolve("campaign.yaml"));
            String base = swarm.httpAddress();
            assertEquals(200, get(base + "/healthz").statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonNode page;
            do {
                TimeUnit.MILLISECONDS.sleep(100); // polling interval of the await
                page = json.readTree(get(base + "/api/campaigns/" + id + "/experiments?limit=5").body());
            } while (page.path("total").asLong() < 10 && System.nanoTime() < deadline);
            assertTrue(page.path("total").asLong() >= 10, page.toString());
            assertEquals(5, page.path("experiments").size());
            assertEquals(5, page.path("nextCursor").asLong());

            JsonNode list = json.readTree(get(base + "/api/campaigns").body());
            assertEquals(id, list.path("campaigns").get(0).path("campaignId").asText());
            JsonNode best = json.readTree(get(base + "/api/campaigns/" + id + "/best").body());
            assertTrue(best.path("found").asBoolean());
            String bestId = best.path("experiment").path("id").asText();
            JsonNode lineage = json.readTree(get(base + "/api/campaigns/" + id + "/experiments/" + bestId + "/lineage").body());
            JsonNode chain = lineage.path("experiments");
            assertEquals(bestId, chain.get(chain.size() - 1).path("id").asText());
            assertTrue(chain.get(0).path("parentId").asText().isEmpty(), "a lineage starts at the baseline");

            assertEquals(404, get(base + "/api/campaigns/no-such-campaign").statusCode());
            assertEquals(404, get(base + "/nothing/here").statusCode());
            assertEquals(400, get(base + "/api/campaigns/" + id + "/experiments?cursor=x").statusCode());
        }
    }
}
