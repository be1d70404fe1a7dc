package io.swarmhub.coordinator.tree;

import io.swarmhub.protocol.Status;
import java.util.Map;

/** Test fixtures: experiments of campaign "c" with just the fields a test cares about. */
public final class Experiments {
    public static final String CAMPAIGN = "c";

    private Experiments() {
    }

    public static Experiment of(String id, String parent, Status status, double metric) {
        return of(CAMPAIGN, id, parent, status, metric, "");
    }

    public static Experiment of(String campaign, String id, String parent, Status status, double metric,
                                String patchSha) {
        return new Experiment(id, campaign, parent, "node-1", 0, Hardware.UNKNOWN, "mutation",
                "try " + id, "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-" + parent + "\n+" + id + "\n", patchSha, status,
                Map.of("val", metric), metric, 1.5, 1000, 2500, "", "log of " + id, "", 0.1,
                status == Status.KEEP ? "lineage of " + id : "");
    }

    public static Experiment keep(String id, String parent, double metric) {
        return of(id, parent, Status.KEEP, metric);
    }

    public static Experiment discard(String id, String parent, double metric) {
        return of(id, parent, Status.DISCARD, metric);
    }
}
