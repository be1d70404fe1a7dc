package io.swarmhub.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The findings a node has heard of, per campaign, and the best of each campaign under that
 * campaign's keep rule. Fed by the findings topic; read by the loops at experiment boundaries.
 * Thread-safe.
 */
public final class FindingBoard {
    private final Function<String, KeepRule> ruleOf;
    private final Map<String, Finding> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Finding>> byCampaign = new ConcurrentHashMap<>();

    /** A board whose campaigns' directions come from {@code ruleOf} (null: not known yet). */
    public FindingBoard(Function<String, KeepRule> ruleOf) {
        this.ruleOf = ruleOf;
    }

    /** A board for campaigns that all share one rule. */
    public FindingBoard(KeepRule rule) {
        this(campaign -> rule);
    }

    /** Adds a finding (again: ignored). */
    public void add(Finding f) {
        if (byId.putIfAbsent(f.id(), f) != null) {
            return;
        }
        List<Finding> list = byCampaign.computeIfAbsent(f.campaign(), k -> new ArrayList<>());
        synchronized (list) {
            list.add(f);
        }
    }

    /** The best finding heard of in a campaign (empty while its rule is unknown). */
    public Optional<Finding> best(String campaign) {
        KeepRule rule = ruleOf.apply(campaign);
        List<Finding> list = byCampaign.get(campaign);
        if (rule == null || list == null) {
            return Optional.empty();
        }
        Finding best = null;
        synchronized (list) {
            for (Finding f : list) {
                if (best == null || rule.better(f.metric(), best.metric())) {
                    best = f;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The last {@code n} findings heard of in a campaign, oldest first. */
    public List<Finding> recent(String campaign, int n) {
        List<Finding> list = byCampaign.get(campaign);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list.subList(Math.max(0, list.size() - n), list.size()));
        }
    }

    public Optional<Finding> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
