package io.swarmhub.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.coordinator.tree.Page;
import io.swarmhub.protocol.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The experiment trees as meters. Each {@link #refresh} reads every tree from where the last one
 * stopped (arrival order is append-only, so each attached experiment is counted exactly once) and
 * adds those experiments to the counters and the duration histogram; so right after a refresh the
 * counters equal the trees, with no hook in the tree or the projection. Per-campaign gauges (best
 * metric, orphans) are registered when a campaign's tree first appears and read the tree at scrape
 * time.
 */
final class TreeMeters {
    /** Bucket bounds of the duration histogram: from built-in objectives (0.1 s) to hour-long runs. */
    static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1)};
    /** Experiments read per tree page: bounds how long one read holds a tree's lock. */
    private static final int PAGE = 1000;

    private final ExperimentForest forest;
    private final Function<String, Direction> directionOf;
    private final MeterRegistry registry;
    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, Timer> durations = new HashMap<>();
    private final Map<ProposerKey, ProposerMeters> proposers = new HashMap<>();

    /**
     * @param directionOf the goal direction of a campaign (its definition may arrive after its experiments,
     *                    so it is asked at every scrape)
     */
    TreeMeters(ExperimentForest forest, Function<String, Direction> directionOf, MeterRegistry registry) {
        this.forest = forest;
        this.directionOf = directionOf;
        this.registry = registry;
    }

    /** Counts the experiments attached since the last refresh. */
    synchronized void refresh() {
        for (String campaign : forest.campaignIds()) {
            ExperimentTree tree = forest.tree(campaign).orElseThrow();
            Long cursor = cursors.get(campaign);
            if (cursor == null) {
                registerCampaign(tree);
                cursor = 0L;
            }
            Page page = tree.page(cursor, PAGE);
            while (!page.items().isEmpty()) {
                page.items().forEach(this::count);
                cursor = page.nextCursor();
                page = tree.page(cursor, PAGE);
            }
            cursors.put(campaign, cursor);
        }
    }

    private void registerCampaign(ExperimentTree tree) {
        String campaign = tree.campaignId();
        Gauge.builder("swarmhub.best.metric", () -> tree.best(directionOf.apply(campaign))
                        .map(Experiment::metric).orElse(Double.NaN))
                .description("The goal metric of the campaign's best kept experiment (NaN before the first keep)")
                .tag("campaign", campaign).register(registry);
        Gauge.builder("swarmhub.orphan.experiments", tree::orphanCount)
                .description("Experiments of the campaign waiting for a parent that has not arrived")
                .tag("campaign", campaign).register(registry);
        durations.put(campaign, Timer.builder("swarmhub.experiment.duration")
                .description("How long experiments ran (their seconds field), by campaign")
                .tag("campaign", campaign)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry));
    }

    private void count(Experiment e) {
        String campaign = e.campaignId();
        Counter.builder("swarmhub.experiments")
                .description("Experiments in the coordinator's tree, by campaign, status and node")
                .tags("campaign", campaign, "status", e.status().name(), "node", e.nodeId())
                .register(registry).increment();
        if (Double.isFinite(e.seconds()) && e.seconds() >= 0) {
            durations.get(campaign).record((long) (e.seconds() * 1e9), TimeUnit.NANOSECONDS);
        }
        proposers.computeIfAbsent(new ProposerKey(campaign, e.proposer()), this::registerProposer)
                .add(e.status() == Status.KEEP);
    }

    private ProposerMeters registerProposer(ProposerKey k) {
        Counter experiments = Counter.builder("swarmhub.proposer.experiments")
                .description("Experiments in the tree, by campaign and proposer")
                .tags("campaign", k.campaign(), "proposer", k.proposer()).register(registry);
        Counter keeps = Counter.builder("swarmhub.proposer.keeps")
                .description("Kept experiments in the tree, by campaign and proposer")
                .tags("campaign", k.campaign(), "proposer", k.proposer()).register(registry);
        ProposerMeters m = new ProposerMeters(experiments, keeps);
        Gauge.builder("swarmhub.proposer.keep.rate", m::keepRate)
                .description("Kept over all experiments of the proposer in the campaign")
                .tags("campaign", k.campaign(), "proposer", k.proposer()).register(registry);
        return m;
    }

    private record ProposerKey(String campaign, String proposer) {
    }

    private record ProposerMeters(Counter experiments, Counter keeps) {
        void add(boolean kept) {
            experiments.increment();
            if (kept) {
                keeps.increment();
            }
        }

        double keepRate() {
            double n = experiments.count();
            return n == 0 ? 0 : keeps.count() / n;
        }
    }
}
