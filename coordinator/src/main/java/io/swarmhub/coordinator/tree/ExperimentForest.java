package io.swarmhub.coordinator.tree;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Every campaign's {@link ExperimentTree}, the cached lineages, and the watchers that want to
 * know when a campaign's tree grows. Trees appear on their first experiment, so experiments
 * may arrive before (or without) their campaign's definition.
 */
public final class ExperimentForest {
    private final ConcurrentHashMap<String, ExperimentTree> trees = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Runnable>> watchers = new ConcurrentHashMap<>();
    private final Cache<LineageKey, List<Experiment>> lineages;

    /**
     * @param lineageCacheWeight how many experiments the cached lineages may hold in total
     * @param cacheExecutor      runs the cache's maintenance ({@code Runnable::run} in tests)
     */
    public ExperimentForest(long lineageCacheWeight, Executor cacheExecutor) {
        this.lineages = Caffeine.newBuilder()
                .maximumWeight(lineageCacheWeight)
                .weigher((LineageKey k, List<Experiment> v) -> v.size())
                .executor(cacheExecutor)
                .recordStats()
                .build();
    }

    /**
     * Inserts an experiment into its campaign's tree and signals the campaign's watchers when
     * something was attached. Returns what was attached (see {@link ExperimentTree#insert}).
     */
    public List<Experiment> insert(Experiment e) {
        List<Experiment> attached = trees.computeIfAbsent(e.campaignId(), ExperimentTree::new).insert(e);
        if (!attached.isEmpty()) {
            CopyOnWriteArrayList<Runnable> signals = watchers.get(e.campaignId());
            if (signals != null) {
                signals.forEach(Runnable::run);
            }
        }
        return attached;
    }

    /** The campaign's tree, if it has any experiment. */
    public Optional<ExperimentTree> tree(String campaignId) {
        return Optional.ofNullable(trees.get(campaignId));
    }

    /** The ids of campaigns that have experiments. */
    public Set<String> campaignIds() {
        return Set.copyOf(trees.keySet());
    }

    /**
     * The lineage from a baseline to the experiment, root side first. Attached experiments never
     * change parents, so a lineage, once assembled, stays valid and is cached.
     */
    public Optional<List<Experiment>> lineage(String campaignId, String experimentId) {
        LineageKey key = new LineageKey(campaignId, experimentId);
        List<Experiment> cached = lineages.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<List<Experiment>> built = tree(campaignId).flatMap(t -> t.lineage(experimentId)).map(List::copyOf);
        built.ifPresent(l -> lineages.put(key, l));
        return built;
    }

    /** Cache statistics as hits and misses, for metrics and tests. */
    public com.github.benmanes.caffeine.cache.stats.CacheStats lineageCacheStats() {
        return lineages.stats();
    }

    /**
     * Calls {@code signal} (on the inserting thread, so it must be quick) whenever experiments
     * are attached to the campaign's tree; the watcher then reads the tree from its own cursor.
     */
    public Subscription watch(String campaignId, Runnable signal) {
        CopyOnWriteArrayList<Runnable> list = watchers.computeIfAbsent(campaignId, k -> new CopyOnWriteArrayList<>());
        list.add(signal);
        return () -> list.remove(signal);
    }

    private record LineageKey(String campaignId, String experimentId) {
    }
}
