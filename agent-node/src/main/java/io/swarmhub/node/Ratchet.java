package io.swarmhub.node;

import io.swarmhub.evaluator.Evaluation;
import io.swarmhub.evaluator.Outcome;
import io.swarmhub.protocol.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The autoresearch loop: from the best kept state, propose a change, judge it, keep it (commit)
 * only when it beats its parent, otherwise reset; record every attempt. The first experiment of
 * a campaign is always the unchanged baseline. Plain Java: the workspace, the judge, the log,
 * the clock and the random source are injected.
 */
public final class Ratchet {
    private static final int MAX_IDLE_PROPOSALS = 200;
    private static final int MAX_LINEAGE = 50;
    /** The proposer name of a rebase experiment (this loop's superseded improvement on an adopted state). */
    public static final String REBASE = "rebase";

    private final RatchetSettings settings;
    private final ExperimentWorkspace workspace;
    private final Judge judge;
    private final ExperimentLog log;
    private final ProposerMix proposers;
    private final Function<String, Optional<String>> guard;
    private final Clock clock;
    private final Random random;
    private final ExperimentId ids;
    private final RatchetListener listener;
    private final SwarmView swarm;
    private final Set<String> unadoptable = new HashSet<>();
    private final Tally tally = new Tally();
    private final Set<String> tried = new HashSet<>();
    private final Map<String, Experiment> kept = new HashMap<>();
    private volatile boolean stopping;
    private Experiment best;
    private final Rebase rebase; // null: rebase off

    public Ratchet(RatchetSettings settings, ExperimentWorkspace workspace, Judge judge, ExperimentLog log,
                   ProposerMix proposers, Function<String, Optional<String>> guard, Clock clock, Random random,
                   RatchetListener listener) {
        this(settings, workspace, judge, log, proposers, guard, clock, random, listener, SwarmView.SOLO);
    }

    /** A loop that is part of a swarm: it may adopt peers' findings and skips work tried elsewhere. */
    public Ratchet(RatchetSettings settings, ExperimentWorkspace workspace, Judge judge, ExperimentLog log,
                   ProposerMix proposers, Function<String, Optional<String>> guard, Clock clock, Random random,
                   RatchetListener listener, SwarmView swarm) {
        this.swarm = swarm;
        this.settings = settings;
        this.workspace = workspace;
        this.judge = judge;
        this.log = log;
        this.proposers = proposers;
        this.guard = guard;
        this.clock = clock;
        this.random = random;
        this.ids = new ExperimentId(clock, new java.security.SecureRandom()); // ids must differ across nodes with the same seed
        this.listener = listener;
        this.rebase = swarm.rebase() == null ? null : new Rebase(swarm.rebase(), settings.node(), settings.keep());
    }

    /** Runs until a stop condition holds or {@link #stop()} is called; returns what happened. */
    public RatchetSummary run() {
        long startMs = clock.millis();
        log.interrupted().ifPresent(lost -> log.append(lost.with(Status.LOST, "",
                "the node stopped while this experiment ran; its result never arrived")));
        for (Experiment e : log.history()) {
            tally.restore(e);
            tried.add(key(e.parentId(), e.patch()));
            if (e.status() == Status.KEEP) {
                best = e;
                kept.put(e.id(), e);
            }
        }
        tally.startRun(startMs);
        String stopReason;
        if (best == null) {
            workspace.discard();
            adoptIfBetter(); // a swarm that already has findings needs no second baseline
        }
        if (best == null) {
            Experiment baseline = baseline();
            if (baseline.status() != Status.KEEP) {
                return tally.summary(clock.millis(), best, "the baseline did not produce a usable "
                        + settings.metric() + " (" + baseline.status() + ": " + baseline.message() + ")", true);
            }
        } else {
            workspace.moveTo(best.commit());
        }
        int idle = 0;
        while (true) {
            Optional<String> reason = stopCondition(startMs);
            if (reason.isPresent()) {
                stopReason = reason.get();
                break;
            }
            adoptIfBetter();
            if (step()) {
                idle = 0;
            } else if (++idle >= MAX_IDLE_PROPOSALS) {
                stopReason = "the proposers produced no new change in " + MAX_IDLE_PROPOSALS + " tries";
                break;
            }
        }
        return tally.summary(clock.millis(), best, stopReason, false);
    }

    /** Asks the loop to stop: the running experiment is killed and recorded as LOST. Thread-safe. */
    public void stop() {
        stopping = true;
        judge.abort();
    }

    private Optional<String> stopCondition(long startMs) {
        if (stopping) {
            return Optional.of("interrupted");
        }
        if (settings.maxExperiments() > 0 && tally.runCount() >= settings.maxExperiments()) {
            return Optional.of("reached --max-experiments " + settings.maxExperiments());
        }
        if (settings.campaignMaxExperiments() > 0 && tally.total() >= settings.campaignMaxExperiments()) {
            return Optional.of("the campaign reached stop.max_experiments " + settings.campaignMaxExperiments());
        }
        if (settings.deadline() != null && clock.millis() - startMs >= settings.deadline().toMillis()) {
            return Optional.of("reached the deadline of " + settings.deadline().toSeconds() + " s");
        }
        return Optional.empty();
    }

    private Experiment baseline() {
        Experiment pending = pending(ids.next(), "", "baseline", "baseline: the unchanged base code", "");
        return judgeAndRecord(pending);
    }

    /** One experiment; false when the proposal was empty or already tried (nothing recorded). */
    private boolean step() {
        String id = ids.next();
        Optional<Rebase.Candidate> rebased = rebase == null ? Optional.empty()
                : rebase.next(best, kept, swarm.findings().apply(settings.campaign()), workspace);
        String proposer;
        Proposal proposal;
        if (rebased.isPresent()) {
            proposer = REBASE;
            proposal = rebased.get().proposal();
        } else {
            Proposer picked = proposers.pick(random);
            proposer = picked.name();
            try {
                proposal = picked.propose(context());
            } catch (ProposalException | RuntimeException e) {
                workspace.discard();
                record(pending(id, best.id(), proposer, "proposal failed", "")
                        .with(Status.INVALID, "", "proposer " + proposer + " failed: " + e.getMessage()));
                return true;
            }
        }
        String patch;
        try {
            proposal.edits().forEach(workspace::write);
            if (!proposal.patch().isEmpty()) {
                workspace.apply(proposal.patch());
            }
            patch = workspace.diff();
        } catch (WorkspaceException e) {
            workspace.discard();
            record(pending(id, best.id(), proposer, proposal.description(), proposal.patch())
                    .with(Status.INVALID, "", "the proposal does not apply: " + e.getMessage()));
            return true;
        }
        if (patch.isBlank() || !tried.add(key(best.id(), patch))
                || swarm.triedElsewhere().test(best.id(), Patches.sha256(patch))) {
            workspace.discard();
            return false;
        }
        Experiment pending = pending(id, best.id(), proposer, proposal.description(), patch);
        Optional<String> rejected = guard.apply(patch);
        if (rejected.isPresent()) {
            workspace.discard();
            record(pending.with(Status.INVALID, "", rejected.get()));
            return true;
        }
        Experiment done = judgeAndRecord(pending);
        rebased.ifPresent(c -> rebase.judged(c, done.status() == Status.KEEP));
        return true;
    }

    /** What the proposers see: the parent's state and history, its lineage, peers' findings, the base. */
    private ProposalContext context() {
        LinkedList<Experiment> lineage = new LinkedList<>();
        for (Experiment e = best; e != null && lineage.size() < MAX_LINEAGE; e = kept.get(e.parentId())) {
            lineage.addFirst(e);
        }
        return new ProposalContext(best, workspace::read, tally.recent(), random, lineage,
                swarm.findings().apply(settings.campaign()), path -> workspace.readAt(workspace.baseCommit(), path),
                workspace::files, workspace.dir());
    }

    /** At an experiment boundary: move to a peer's finding when the parent policy says so. */
    private void adoptIfBetter() {
        Optional<Finding> next = swarm.policy().next(settings.campaign(), best).filter(f -> !unadoptable.contains(f.id()));
        if (next.isEmpty()) {
            return;
        }
        Finding f = next.get();
        Experiment previous = best;
        try {
            String commit = workspace.adopt(f.lineagePatch(), "adopt " + f.id() + " from " + f.node() + ": "
                    + f.description() + "\n\nExperiment: " + f.id() + "\nAdopted: true\n" + settings.metric() + ": "
                    + f.metric() + "\n");
            best = new Experiment(f.id(), "", f.campaign(), f.node(), "adopted", f.description(), "", Status.KEEP,
                    null, f.metric(), Double.NaN, 0, f.publishedAtMs(), commit, "adopted from " + f.node(), "",
                    f.lineagePatch());
            kept.put(best.id(), best);
            if (rebase != null) {
                rebase.adopted(previous);
            }
            swarm.adoptions().adopted(f);
        } catch (WorkspaceException e) {
            unadoptable.add(f.id());
            workspace.moveTo(best == null ? workspace.baseCommit() : best.commit());
        }
    }

    private Experiment judgeAndRecord(Experiment pending) {
        log.begin(pending);
        Evaluation ev = stopping
                ? new Evaluation(Outcome.ABORTED, java.util.Map.of(), Double.NaN, "interrupted", "", 0, Double.NaN)
                : judge.evaluate(pending.id());
        Status status = switch (ev.outcome()) {
            case OK -> best == null || settings.keep().keeps(ev.goal(), best.metric()) ? Status.KEEP : Status.DISCARD;
            case CRASH -> Status.CRASH;
            case TIMEOUT -> Status.TIMEOUT;
            case INVALID -> Status.INVALID;
            case ABORTED -> Status.LOST;
        };
        String message = ev.outcome() == Outcome.ABORTED ? "interrupted: the run was killed by the user" : ev.message();
        String commit = "";
        if (status == Status.KEEP && pending.isBaseline()) {
            workspace.discard();
            commit = workspace.head();
        } else if (status == Status.KEEP) {
            commit = workspace.commit(commitMessage(pending, ev));
        } else {
            workspace.discard();
        }
        Experiment done = new Experiment(pending.id(), pending.parentId(), settings.campaign(), settings.node(),
                pending.proposer(), pending.description(), pending.patch(), status, ev.metrics(), ev.goal(),
                ev.peakMemoryGb(), ev.seconds(), pending.startedAtMs(), commit, message, ev.logTail(),
                status == Status.KEEP ? workspace.lineagePatch() : "");
        if (status == Status.KEEP) {
            best = done;
            kept.put(done.id(), done);
        }
        record(done);
        return done;
    }

    private void record(Experiment done) {
        proposers.record(done.proposer(), done.status() == Status.KEEP);
        log.append(done);
        tally.add(done, clock.millis());
        listener.onExperiment(done, tally.progress(best, clock.millis()));
    }

    private Experiment pending(String id, String parentId, String proposer, String description, String patch) {
        return new Experiment(id, parentId, settings.campaign(), settings.node(), proposer, description, patch,
                Status.LOST, null, Double.NaN, Double.NaN, 0, clock.millis(), "", "", "", "");
    }

    private String commitMessage(Experiment e, Evaluation ev) {
        return e.description() + "\n\nExperiment: " + e.id() + "\nParent: " + e.parentId() + "\nProposer: "
                + e.proposer() + "\n" + settings.metric() + ": " + ev.goal() + "\n";
    }

    private static String key(String parentId, String patch) {
        return parentId + "\u0000" + Patches.sha256(patch);
    }

    /** The best kept experiment so far (null before the baseline). */
    public Experiment best() {
        return best;
    }
}
