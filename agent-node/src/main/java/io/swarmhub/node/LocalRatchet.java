package io.swarmhub.node;

import io.swarmhub.evaluator.Evaluator;
import io.swarmhub.evaluator.PatchGuard;
import io.swarmhub.protocol.Globs;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The ratchet on one machine, assembled from a campaign and a data directory:
 * {@code workspace/} (the JGit workspace), {@code logs/<experiment>.log}, {@code results.tsv},
 * {@code results.jsonl}. Running again on the same data directory resumes from the best kept state.
 */
public final class LocalRatchet implements AutoCloseable {
    private final Ratchet ratchet;
    private final GitWorkspace workspace;
    private final Ledger ledger;

    private LocalRatchet(Ratchet ratchet, GitWorkspace workspace, Ledger ledger) {
        this.ratchet = ratchet;
        this.workspace = workspace;
        this.ledger = ledger;
    }

    /**
     * Options a user sets per run. {@code maxExperiments} 0 = the campaign's limits only. {@code runEnv}: variables
     * the node sets for this slot's steps (device, threads, native cache; see HardwareProbe.slotEnvironment).
     */
    public record Options(long maxExperiments, long seed, String node, String campaignId, Map<String, String> runEnv) {
        public Options {
            runEnv = Map.copyOf(runEnv);
        }

        public Options(long maxExperiments, long seed, String node, String campaignId) {
            this(maxExperiments, seed, node, campaignId, Map.of());
        }

        public Options(long maxExperiments, long seed, String node) {
            this(maxExperiments, seed, node, null);
        }
    }

    /** Opens the data directory (creating the workspace on first use) and builds the loop. */
    public static LocalRatchet open(Campaign campaign, Path dataDir, Options options, Clock clock,
                                    RatchetListener listener) {
        return open(campaign, Path.of(campaign.getWorkspace().getRepo()), dataDir, options, clock, listener,
                ledger -> ledger, SwarmView.SOLO);
    }

    /**
     * The general assembly: the workspace is made from {@code baseDir}, the ledger may be wrapped
     * (a swarm slot also publishes), and the swarm view decides adoption and swarm-wide duplicates.
     */
    public static LocalRatchet open(Campaign campaign, Path baseDir, Path dataDir, Options options, Clock clock,
                                    RatchetListener listener, Function<Ledger, ExperimentLog> log, SwarmView swarm) {
        return open(campaign, baseDir, dataDir, options, clock, listener, log, swarm, CampaignProposers.from(campaign));
    }

    /** The general assembly with the proposers given (tests inject an environment, a clock, stub endpoints). */
    public static LocalRatchet open(Campaign campaign, Path baseDir, Path dataDir, Options options, Clock clock,
                                    RatchetListener listener, Function<Ledger, ExperimentLog> log, SwarmView swarm,
                                    ProposerMix proposers) {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path marker = dataDir.resolve("campaign.name");
            if (Files.exists(marker)) {
                String owner = Files.readString(marker, StandardCharsets.UTF_8).trim();
                if (!owner.equals(campaign.getName())) {
                    throw new IllegalArgumentException("the data directory " + dataDir + " belongs to campaign '"
                            + owner + "', not '" + campaign.getName() + "'; choose another --data-dir");
                }
            } else {
                Files.writeString(marker, campaign.getName() + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        GitWorkspace workspace = GitWorkspace.openOrCreate(dataDir.resolve("workspace"),
                baseDir).onlyWrittenChange(campaign.getRun().getBuiltin().startsWith("bench:")); // in-process objectives
        Ledger ledger = Ledger.open(dataDir);
        Judge judge = new EvaluatorJudge(new Evaluator(campaign, options.runEnv()), workspace.dir(), dataDir.resolve("logs"));
        PatchGuard guard = new PatchGuard(new Globs(campaign.getWorkspace().getEditableList()),
                campaign.getGuard().getMaxPatchBytes() > 0 ? campaign.getGuard().getMaxPatchBytes() : 64 * 1024);
        long deadline = campaign.getStop().getDeadlineSeconds();
        String campaignId = options.campaignId() == null ? campaign.getName() : options.campaignId();
        RatchetSettings settings = new RatchetSettings(campaignId, options.node(),
                campaign.getGoal().getMetric(),
                new KeepRule(campaign.getGoal().getDirection() != Direction.MAXIMIZE, campaign.getKeep().getMinDelta()),
                options.maxExperiments(), campaign.getStop().getMaxExperiments(),
                deadline > 0 ? Duration.ofSeconds(deadline) : null);
        // A resumed run draws fresh random numbers rather than replaying the proposals it already tried.
        Random random = new Random(options.seed() * 1_000_003L + ledger.history().size());
        Ratchet ratchet = new Ratchet(settings, workspace, judge, log.apply(ledger), proposers,
                guard::check, clock, random, listener, swarm);
        return new LocalRatchet(ratchet, workspace, ledger);
    }

    public Ratchet ratchet() {
        return ratchet;
    }

    public Ledger ledger() {
        return ledger;
    }

    public GitWorkspace workspace() {
        return workspace;
    }

    @Override
    public void close() {
        ledger.close();
        workspace.close();
    }
}
