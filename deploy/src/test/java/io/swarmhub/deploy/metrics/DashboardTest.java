package io.swarmhub.deploy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard parses, is importable in shape, and queries only metrics docs/metrics.md lists. */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("swarmhub_[a-z_]+");

    @Test
    void dashboard_queriesOnlyDocumentedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MetricsDoc.repositoryFile("deploy/grafana/swarmhub-dashboard.json")
                .toFile());
        assertEquals("swarmhub", dashboard.path("uid").asText());
        Set<String> documented = MetricsDoc.documented();
        Set<String> queried = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            assertTrue(panel.path("gridPos").has("w"), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                assertTrue(m.find(), panel.path("title") + " queries no swarmhub metric");
                do {
                    queried.add(m.group());
                    assertNotNull(MetricsDoc.metricOf(m.group(), documented),
                            m.group() + " (panel " + panel.path("title") + ") is not in docs/metrics.md");
                } while (m.find());
            }
        }
        for (String required : Set.of("swarmhub_experiments_total", "swarmhub_proposer_keeps_total", "swarmhub_best_metric",
                "swarmhub_experiment_duration_seconds_bucket", "swarmhub_outbox_depth", "swarmhub_gossip_lag_seconds_bucket",
                "swarmhub_kafka_consumer_lag", "swarmhub_lineage_cache_gets_total")) {
            assertTrue(queried.contains(required), "the dashboard does not show " + required);
        }
    }
}
