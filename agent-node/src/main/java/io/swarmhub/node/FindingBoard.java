package io.swarmhub.node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The findings a node has heard of, per campaign, and the best of them. Fed by the findings
 * topic; read by the loop at experiment boundaries. Thread-safe.
 */
public final class FindingBoard {
    private final KeepRule rule;
    private final Map<String, Finding> byId = new ConcurrentHashMap<>();
    private final Map<String, Finding> best = new ConcurrentHashMap<>();

    public FindingBoard(KeepRule rule) {
        this.rule = rule;
    }

    /** Adds a finding (again: ignored). */
    public void add(Finding f) {
        if (byId.putIfAbsent(f.id(), f) != null) {
            return;
        }
        best.merge(f.campaign(), f, (a, b) -> rule.better(b.metric(), a.metric()) ? b : a);
    }

    /** The best finding heard of in a campaign. */
    public Optional<Finding> best(String campaign) {
        return Optional.ofNullable(best.get(campaign));
    }

    public Optional<Finding> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
