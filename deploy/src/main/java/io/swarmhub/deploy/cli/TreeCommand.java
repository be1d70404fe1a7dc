package io.swarmhub.deploy.cli;

import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetTreeRequest;
import io.swarmhub.protocol.v1.GetTreeResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm tree CAMPAIGN}: the campaign's experiment tree, as an indented outline or JSON lines. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Show a campaign's experiment tree (--json: one experiment per line).")
public final class TreeCommand implements Callable<Integer> {
    @Mixin
    CoordinatorOptions coordinator;
    @Parameters(paramLabel = "CAMPAIGN", description = "campaign id")
    String campaign;
    @Option(names = "--json", description = "JSON lines: id, parent, status, metric, metrics, node, proposer, description")
    boolean json;
    @Option(names = "--keeps", description = "only kept experiments (the lineages)")
    boolean keepsOnly;

    @Override
    public Integer call() {
        return CampaignCalls.call(coordinator, stub -> {
            List<ExperimentEvent> all = new ArrayList<>();
            long cursor = 0;
            while (true) {
                GetTreeResponse page = stub.getTree(GetTreeRequest.newBuilder().setCampaignId(campaign)
                        .setCursor(cursor).setPageSize(1000).setOmitPatches(true).build());
                for (ExperimentEvent e : page.getExperimentsList()) {
                    if (!keepsOnly || e.getStatus().name().equals("KEEP")) {
                        if (json) {
                            System.out.println(jsonLine(e));
                        } else {
                            all.add(e);
                        }
                    }
                }
                if (page.getNextCursor() >= page.getTotal() || page.getExperimentsCount() == 0) {
                    break;
                }
                cursor = page.getNextCursor();
            }
            if (!json) {
                printOutline(all);
            }
        });
    }

    static String jsonLine(ExperimentEvent e) {
        String metrics = e.getMetricsMap().entrySet().stream()
                .map(m -> quote(m.getKey()) + ":" + num(m.getValue())).collect(Collectors.joining(",", "{", "}"));
        return "{\"id\":" + quote(e.getId()) + ",\"parent\":" + quote(e.getParentId()) + ",\"status\":"
                + quote(e.getStatus().name()) + ",\"metric\":" + num(e.getMetric()) + ",\"metrics\":" + metrics
                + ",\"node\":" + quote(e.getNodeId()) + ",\"proposer\":" + quote(e.getProposer())
                + ",\"description\":" + quote(e.getDescription()) + ",\"seconds\":" + num(e.getSeconds()) + "}";
    }

    private static void printOutline(List<ExperimentEvent> all) {
        Map<String, List<ExperimentEvent>> children = new HashMap<>();
        Map<String, ExperimentEvent> byId = new LinkedHashMap<>();
        all.forEach(e -> byId.put(e.getId(), e));
        List<ExperimentEvent> roots = new ArrayList<>();
        for (ExperimentEvent e : all) {
            if (e.getParentId().isEmpty() || !byId.containsKey(e.getParentId())) {
                roots.add(e);
            } else {
                children.computeIfAbsent(e.getParentId(), k -> new ArrayList<>()).add(e);
            }
        }
        // Iterative depth-first walk: lineages can be thousands deep.
        java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Object[] {roots.get(i), 0});
        }
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            ExperimentEvent e = (ExperimentEvent) top[0];
            int depth = (Integer) top[1];
            System.out.printf(Locale.ROOT, "%s%s %-7s %-12s %-10s %s%n", "  ".repeat(Math.min(depth, 40)), e.getId(),
                    e.getStatus().name(), Double.isFinite(e.getMetric()) ? String.format(Locale.ROOT, "%.6g", e.getMetric()) : "-",
                    e.getNodeId(), e.getDescription());
            List<ExperimentEvent> kids = children.getOrDefault(e.getId(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {kids.get(i), depth + 1});
            }
        }
        System.out.println(all.size() + " experiments");
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
