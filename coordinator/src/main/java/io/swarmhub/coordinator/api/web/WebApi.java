package io.swarmhub.coordinator.api.web;

import io.grpc.Channel;
import io.swarmhub.protocol.v1.CoordinatorGrpc;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON endpoints the web UI adds to the coordinator's API, answered from a compact
 * {@link CampaignIndex} instead of whole events:
 * {@code /api/server}, {@code /api/campaigns/{id}/progress?cursor=&max=&keeps=},
 * {@code /api/campaigns/{id}/findings?limit=}, {@code /api/campaigns/{id}/roots?offset=&limit=},
 * {@code /api/campaigns/{id}/experiments/{eid}/children?offset=&limit=} and
 * {@code /api/campaigns/{id}/experiments/{eid}/breadcrumb}. docs/web-ui.md shows each.
 */
public final class WebApi {
    /** The gRPC port the CLI assumes when no {@code --coordinator} is given. */
    public static final String DEFAULT_COORDINATOR = "127.0.0.1:7440";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");

    private final CampaignIndexes indexes;
    private final String authority;

    /** Reads the coordinator through {@code channel}, whose authority is the coordinator's gRPC address. */
    public WebApi(Channel channel) {
        this.indexes = new CampaignIndexes(CoordinatorGrpc.newBlockingStub(channel));
        this.authority = channel.authority();
    }

    /**
     * The JSON answer for the path {@code p} (split on '/') and query {@code q}, or null when the
     * path is not one of these endpoints.
     *
     * @param host the request's Host header (may be null): the coordinator address shown to a
     *             browser on another machine uses that machine's name for this server
     * @throws IllegalArgumentException for a malformed parameter (answer 400)
     * @throws java.util.NoSuchElementException for an unknown experiment (answer 404)
     * @throws io.grpc.StatusRuntimeException when the coordinator refuses or fails
     */
    public String answer(String[] p, Map<String, String> q, String host) {
        if (p.length == 3 && p[2].equals("server")) {
            String coordinator = coordinatorAddress(host);
            return Json.object().put("coordinator", coordinator)
                    .put("isDefault", coordinator.equals(DEFAULT_COORDINATOR)).end();
        }
        if (p.length < 5 || !p[2].equals("campaigns")) {
            return null;
        }
        if (p.length == 5 && p[4].equals("progress")) {
            return progress(indexes.current(p[3]).progress(number(q, "cursor", 0, 0, Long.MAX_VALUE),
                    (int) number(q, "max", 5000, 1, 100_000), flag(q, "keeps")));
        }
        if (p.length == 5 && p[4].equals("findings")) {
            CampaignIndex index = indexes.current(p[3]);
            return items(Json.object(), "findings", index.findings((int) number(q, "limit", 20, 1, 1000))).end();
        }
        if (p.length == 5 && p[4].equals("roots")) {
            return children(indexes.current(p[3]), "", q);
        }
        if (p.length == 7 && p[4].equals("experiments") && p[6].equals("children")) {
            return children(indexes.current(p[3]), p[5], q);
        }
        if (p.length == 7 && p[4].equals("experiments") && p[6].equals("breadcrumb")) {
            return items(Json.object(), "experiments", indexes.current(p[3]).lineage(p[5])).end();
        }
        return null;
    }

    private String coordinatorAddress(String host) {
        int colon = authority.lastIndexOf(':');
        String port = colon < 0 ? "7440" : authority.substring(colon + 1);
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
        boolean loopback = name.isEmpty() || name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
        if (loopback || !HOST.matcher(name).matches()) {
            return authority;
        }
        return name + ":" + port;
    }

    private static String progress(CampaignIndex.Progress progress) {
        Json points = Json.array();
        for (CampaignIndex.Point pt : progress.points()) {
            points.add("[" + pt.position() + "," + pt.finishedAtMs() + "," + Json.number(pt.metric()) + ","
                    + pt.status() + "," + pt.node() + "]");
        }
        return Json.object()
                .put("cursor", progress.cursor())
                .put("nextCursor", progress.nextCursor())
                .put("sampled", progress.sampled())
                .raw("statuses", strings(List.of(ExperimentStatus.values()).stream()
                        .filter(s -> s != ExperimentStatus.UNRECOGNIZED).map(Enum::name).toList()))
                .raw("nodes", strings(progress.nodes()))
                .raw("columns", strings(List.of("position", "finishedAtMs", "metric", "status", "node")))
                .raw("points", points.end())
                .end();
    }

    private static String children(CampaignIndex index, String parentId, Map<String, String> q) {
        CampaignIndex.ChildPage page = index.children(parentId,
                (int) number(q, "offset", 0, 0, Integer.MAX_VALUE), (int) number(q, "limit", 25, 1, 500));
        Json out = Json.object().put("parentId", parentId).put("total", page.total()).put("offset", page.offset());
        return items(out, "experiments", page.items()).end();
    }

    private static Json items(Json out, String name, List<CampaignIndex.Item> items) {
        Json array = Json.array();
        for (CampaignIndex.Item item : items) {
            CampaignIndex.Entry e = item.entry();
            ExperimentStatus status = ExperimentStatus.forNumber(e.status());
            array.add(Json.object()
                    .put("position", item.position())
                    .put("id", e.id())
                    .put("parentId", e.parentId())
                    .put("status", status == null ? "STATUS_" + e.status() : status.name())
                    .put("metric", e.metric())
                    .put("finishedAtMs", e.finishedAtMs())
                    .put("nodeId", e.nodeId())
                    .put("proposer", e.proposer())
                    .put("description", e.description())
                    .put("children", item.children())
                    .put("onBestLineage", item.onBestLineage())
                    .end());
        }
        return out.raw(name, array.end());
    }

    private static String strings(List<String> values) {
        Json array = Json.array();
        values.forEach(v -> array.add(Json.quote(v)));
        return array.end();
    }

    private static long number(Map<String, String> q, String name, long fallback, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below with the parameter's name and range
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not " + v);
    }

    private static boolean flag(Map<String, String> q, String name) {
        String v = q.getOrDefault(name, "false");
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not " + v);
        }
        return v.equals("true");
    }
}
