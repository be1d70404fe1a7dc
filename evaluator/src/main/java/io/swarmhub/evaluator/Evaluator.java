package io.swarmhub.evaluator;

import io.swarmhub.protocol.Builtins;
import io.swarmhub.protocol.Globs;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.RunStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The judge: runs one experiment's run step under the campaign's time budget, then its protected score
 * step, checks that protected files are unchanged, and reads the metrics. It, not the code under study,
 * enforces the budget, and kills the whole process tree when it runs out.
 *
 * <p>One evaluation at a time per instance (use one per slot); {@link #abort()} may come from any thread.
 * Experiment failures come back as an {@link Evaluation}; only failures of the node itself (an unwritable
 * log file, a missing workspace) throw {@link java.io.UncheckedIOException}.
 */
public final class Evaluator {
    private static final String DEFAULT_PARAMS = "params.properties";

    private final String goalMetric;
    private final List<String> runCommand;
    private final BenchmarkRun benchmark;
    private final CharLmStep charlm;
    private final double runBudget;
    private final Map<String, String> runEnv;
    private final List<String> scoreCommand;
    private final double scoreBudget;
    private final ProtectedFiles protectedFiles;
    private final Map<String, String> parentEnv;
    private final StepRunner runner;
    private final AtomicReference<AbortSignal> current = new AtomicReference<>();

    /** @param campaign an already validated campaign */
    public Evaluator(Campaign campaign) {
        this(campaign, System.getenv(), StepRunner.detect());
    }

    /**
     * @param campaign an already validated campaign
     * @param nodeEnv  variables the node sets for this slot's steps ({@code SWARM_DEVICE}, {@code SWARM_THREADS},
     *                 {@code SWARM_DJL_CACHE}); they override the node's own environment
     */
    public Evaluator(Campaign campaign, Map<String, String> nodeEnv) {
        this(campaign, overlay(System.getenv(), nodeEnv), StepRunner.detect());
    }

    Evaluator(Campaign campaign, Map<String, String> parentEnv, StepRunner runner) {
        RunStep run = campaign.getRun();
        this.goalMetric = campaign.getGoal().getMetric();
        this.runCommand = List.copyOf(run.getCommandList());
        this.charlm = run.getBuiltin().equals(Builtins.CHARLM) ? new CharLmStep() : null;
        if (run.getBuiltin().isEmpty() || charlm != null) {
            this.benchmark = null;
            if (runCommand.isEmpty() && charlm == null) {
                throw new IllegalArgumentException("campaign run step has neither command nor builtin");
            }
        } else {
            Objective objective = Objective.fromBuiltin(run.getBuiltin()).orElseThrow(() ->
                    new IllegalArgumentException("unknown built-in '" + run.getBuiltin() + "'"));
            String params = run.getParams().isEmpty() ? DEFAULT_PARAMS : run.getParams();
            this.benchmark = new BenchmarkRun(objective, params, run.getCostMs());
        }
        if (!(run.getBudgetSeconds() > 0)) {
            throw new IllegalArgumentException("campaign run budget must be positive");
        }
        this.runBudget = run.getBudgetSeconds();
        this.runEnv = Map.copyOf(run.getEnvMap());
        this.scoreCommand = campaign.hasScore() ? List.copyOf(campaign.getScore().getCommandList()) : List.of();
        double sb = campaign.hasScore() ? campaign.getScore().getBudgetSeconds() : 0;
        this.scoreBudget = sb > 0 ? sb : runBudget;
        this.protectedFiles = new ProtectedFiles(new Globs(campaign.getWorkspace().getProtectedList()));
        this.parentEnv = Map.copyOf(parentEnv);
        this.runner = runner;
    }

    /** Runs and judges one experiment in {@code workspace}; step output is appended to {@code logFile}. */
    public Evaluation evaluate(String experimentId, Path workspace, Path logFile) {
        long start = System.nanoTime();
        AbortSignal signal = new AbortSignal();
        if (!current.compareAndSet(null, signal)) {
            throw new IllegalStateException("an evaluation is already in progress on this evaluator");
        }
        try {
            RunLog log = new RunLog(logFile);
            Verdict v = judge(experimentId, workspace, log, signal);
            return v.toEvaluation(log, goalMetric, (System.nanoTime() - start) / 1e9);
        } finally {
            current.set(null);
        }
    }

    /** Kills the running step's whole process tree; the evaluation in progress returns ABORTED. No-op if idle. */
    public void abort() {
        AbortSignal signal = current.get();
        if (signal != null) {
            signal.abort();
        }
    }

    private Verdict judge(String experimentId, Path workspace, RunLog log, AbortSignal signal) {
        long from = log.open();
        Map<String, String> before = protectedFiles.snapshot(workspace);
        Verdict run = benchmark != null ? benchmarkStep(workspace, log, signal, from)
                : charlm != null ? charlmStep(experimentId, workspace, log, signal, from)
                : commandStep("run", runCommand, runBudget, experimentId, workspace, log, signal, from);
        if (signal.isAborted()) {
            return Verdict.failed(from, Outcome.ABORTED, "interrupted", -1);
        }
        Optional<String> tampered = ProtectedFiles.firstChange(before, protectedFiles.snapshot(workspace));
        if (tampered.isPresent()) {
            return Verdict.failed(from, Outcome.INVALID, tampered.get(), run.peakRssBytes());
        }
        if (run.outcome() != Outcome.OK || scoreCommand.isEmpty()) {
            return run;
        }
        Verdict score = commandStep("score step", scoreCommand, scoreBudget, experimentId, workspace, log,
                signal, log.size());
        if (signal.isAborted()) {
            return Verdict.failed(from, Outcome.ABORTED, "interrupted", run.peakRssBytes());
        }
        Map<String, Double> metrics = new LinkedHashMap<>(run.metrics());
        score.metrics().forEach((k, v) -> {
            metrics.remove(k);
            metrics.put(k, v);
        });
        return new Verdict(from, score.outcome(), metrics, score.message(), run.peakRssBytes());
    }

    private Verdict benchmarkStep(Path workspace, RunLog log, AbortSignal signal, long from) {
        BenchmarkRun.Result r = benchmark.run(workspace, log, runBudget, signal);
        return new Verdict(from, r.outcome(), r.metrics(), r.message(), -1);
    }

    private Verdict charlmStep(String experimentId, Path workspace, RunLog log, AbortSignal signal, long from) {
        Path classes;
        try {
            classes = Files.createTempDirectory("swarm-charlm-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for compiled classes", e);
        }
        try {
            Optional<String> error = charlm.compile(workspace, classes, log);
            if (error.isPresent()) {
                return Verdict.failed(from, Outcome.CRASH, error.get(), -1);
            }
            Map<String, String> env = CharLmStep.environment(
                    RunEnvironment.of(parentEnv, runEnv, experimentId, runBudget, workspace));
            Verdict v = commandStep("run", charlm.command(classes), charlm.describe(classes), env, runBudget,
                    workspace, log, signal, from);
            Optional<String> reason = v.outcome() == Outcome.CRASH
                    ? CharLmStep.crashReason(log.tail(from)) : Optional.empty();
            return reason.isEmpty() ? v
                    : new Verdict(from, v.outcome(), v.metrics(), v.message() + ": " + reason.get(), v.peakRssBytes());
        } finally {
            CharLmStep.deleteQuietly(classes);
        }
    }

    private Verdict commandStep(String step, List<String> command, double budget, String experimentId,
                                Path workspace, RunLog log, AbortSignal signal, long from) {
        Map<String, String> env = RunEnvironment.of(parentEnv, runEnv, experimentId, budget, workspace);
        return commandStep(step, command, String.join(" ", command), env, budget, workspace, log, signal, from);
    }

    private Verdict commandStep(String step, List<String> command, String shown, Map<String, String> env,
                                double budget, Path workspace, RunLog log, AbortSignal signal, long from) {
        log.append("[swarmhub] " + step + ": " + shown + " (budget " + budget + " s)\n");
        StepRunner.Result r = runner.run(command, workspace, env, budget, log.file(), signal);
        Map<String, Double> metrics = log.metrics(from, log.size());
        return switch (r.end()) {
            case ABORTED -> Verdict.failed(from, Outcome.ABORTED, "interrupted", r.peakRssBytes());
            case TIMED_OUT -> new Verdict(from, Outcome.TIMEOUT, metrics,
                    step + " exceeded budget of " + budget + " s; process tree killed", r.peakRssBytes());
            case NOT_STARTED -> Verdict.failed(from, Outcome.CRASH,
                    "cannot start " + step + " command " + command.get(0) + ": " + r.error(), -1);
            case EXITED -> r.exitCode() == 0
                    ? new Verdict(from, Outcome.OK, metrics, "", r.peakRssBytes())
                    : new Verdict(from, Outcome.CRASH, metrics, step + " exited with code " + exitCode(r.exitCode()),
                            r.peakRssBytes());
        };
    }

    private static Map<String, String> overlay(Map<String, String> base, Map<String, String> top) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(top);
        return out;
    }

    private static String exitCode(int code) {
        // Shells and Java report death by signal N as 128 + N.
        return code > 128 && code < 128 + 65 ? code + " (killed by signal " + (code - 128) + ")" : "" + code;
    }
}
