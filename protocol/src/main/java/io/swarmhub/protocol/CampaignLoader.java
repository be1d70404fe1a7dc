package io.swarmhub.protocol;

import io.swarmhub.protocol.CampaignException.Problem;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.GuardSpec;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.KeepSpec;
import io.swarmhub.protocol.v1.ProposerMixSpec;
import io.swarmhub.protocol.v1.Resources;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.ScoreStep;
import io.swarmhub.protocol.v1.StopSpec;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code campaign.yaml} (and the {@code program.md} beside it) into the {@link Campaign}
 * schema. Paths in the result are absolute; every user mistake is reported with file, line and
 * field in one {@link CampaignException}.
 */
public final class CampaignLoader {
    static final Set<String> TOP = Set.of("name", "goal", "workspace", "run", "score", "keep",
            "proposers", "proposer_mix", "program", "stop", "resources", "guard");
    private static final long DEFAULT_MAX_PATCH_BYTES = 64 * 1024;

    private CampaignLoader() {
    }

    /** Loads and validates a campaign file. */
    public static Campaign load(Path file) throws CampaignException {
        String shown = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new CampaignException(List.of(new Problem(shown, 0, "",
                    "campaign file not found (expected a campaign.yaml written as in docs/campaigns.md)")));
        }
        Node root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            root = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CampaignException(List.of(new Problem(shown, line, "", "not valid YAML: " + e.getProblem())));
        } catch (YAMLException | IOException e) {
            throw new CampaignException(List.of(new Problem(shown, 0, "", "cannot read: " + e.getMessage())));
        }
        if (root == null) {
            throw new CampaignException(List.of(new Problem(shown, 0, "", "the file is empty")));
        }
        List<Problem> problems = new ArrayList<>();
        Path dir = file.toAbsolutePath().normalize().getParent();
        Campaign campaign = read(new YamlSection(shown, "", root, problems, TOP), dir, problems);
        if (!problems.isEmpty()) {
            throw new CampaignException(problems);
        }
        return campaign;
    }

    private static Campaign read(YamlSection top, Path dir, List<Problem> problems) {
        Campaign.Builder c = Campaign.newBuilder();
        top.string("name", true, "a campaign name").ifPresent(n -> {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                top.problem("name", "use letters, digits, '.', '_' and '-' (at most 64), got '" + n + "'");
            }
            c.setName(n);
        });
        top.section("goal", true, Set.of("metric", "direction")).ifPresent(g -> c.setGoal(goal(g)));
        Optional<YamlSection> ws = top.section("workspace", true, Set.of("repo", "editable", "protected"));
        Path repo = ws.map(w -> workspace(w, dir, c)).orElse(null);
        top.section("run", true, Set.of("command", "builtin", "budget_seconds", "params", "cost_ms", "env"))
                .ifPresent(r -> c.setRun(run(r, repo, c)));
        top.section("score", false, Set.of("command", "budget_seconds")).ifPresent(s -> {
            ScoreStep.Builder b = ScoreStep.newBuilder().addAllCommand(s.strings("command", true));
            s.number("budget_seconds", false, 0.001, 7 * 86400).ifPresent(b::setBudgetSeconds);
            c.setScore(b);
        });
        KeepSpec.Builder keep = KeepSpec.newBuilder();
        top.section("keep", false, Set.of("min_delta")).ifPresent(k ->
                k.number("min_delta", false, 0, Double.MAX_VALUE).ifPresent(keep::setMinDelta));
        c.setKeep(keep);
        c.addAllProposers(ProposerSpecs.read(top, repo, c, problems));
        top.section("proposer_mix", false, Set.of("bandit")).ifPresent(m ->
                m.string("bandit", false, "true or false").ifPresent(b -> {
                    if (b.equals("true") || b.equals("false")) {
                        c.setProposerMix(ProposerMixSpec.newBuilder().setBandit(b.equals("true")));
                    } else {
                        m.problem("bandit", "expected true or false, got '" + b + "'");
                    }
                }));
        String program = top.string("program", false, "a path to program.md").orElse("program.md");
        Path programFile = dir.resolve(program).normalize();
        if (!Files.isRegularFile(programFile)) {
            top.problem("program", "file not found: " + programFile + " (program.md holds the instructions for agents)");
        } else {
            c.setProgram(programFile.toString());
            try {
                c.setProgramText(Files.readString(programFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                top.problem("program", "cannot read " + programFile + ": " + e.getMessage());
            }
        }
        StopSpec.Builder stop = StopSpec.newBuilder();
        top.section("stop", false, Set.of("max_experiments", "deadline")).ifPresent(s -> {
            integer(s, "max_experiments", 0, Long.MAX_VALUE).ifPresent(stop::setMaxExperiments);
            s.string("deadline", false, "a duration like 90s, 30m or 8h").ifPresent(d -> {
                OptionalLong secs = Durations.parseSeconds(d);
                if (secs.isEmpty()) {
                    s.problem("deadline", "expected a duration like 90s, 30m or 8h, got '" + d + "'");
                } else {
                    stop.setDeadlineSeconds(secs.getAsLong());
                }
            });
        });
        c.setStop(stop);
        Resources.Builder res = Resources.newBuilder();
        top.section("resources", false, Set.of("gpus", "cpus")).ifPresent(r -> {
            integer(r, "gpus", 0, 1024).ifPresent(v -> res.setGpus((int) v));
            integer(r, "cpus", 0, 4096).ifPresent(v -> res.setCpus((int) v));
        });
        c.setResources(res);
        GuardSpec.Builder guard = GuardSpec.newBuilder().setMaxPatchBytes(DEFAULT_MAX_PATCH_BYTES);
        top.section("guard", false, Set.of("max_patch_bytes")).ifPresent(g ->
                integer(g, "max_patch_bytes", 1, 64L << 20).ifPresent(guard::setMaxPatchBytes));
        c.setGuard(guard);
        return c.build();
    }

    private static Goal goal(YamlSection g) {
        Goal.Builder b = Goal.newBuilder();
        g.string("metric", true, "the metric name the run prints, e.g. val_bpb").ifPresent(b::setMetric);
        g.string("direction", true, "minimize or maximize").ifPresent(d -> {
            switch (d.toLowerCase()) {
                case "minimize", "min" -> b.setDirection(Direction.MINIMIZE);
                case "maximize", "max" -> b.setDirection(Direction.MAXIMIZE);
                default -> g.problem("direction", "expected minimize or maximize, got '" + d + "'");
            }
        });
        return b.build();
    }

    private static Path workspace(YamlSection w, Path dir, Campaign.Builder c) {
        WorkspaceSpec.Builder b = WorkspaceSpec.newBuilder();
        String repoText = w.string("repo", false, "a directory").orElse(".");
        Path repo = dir.resolve(repoText).normalize();
        if (!Files.isDirectory(repo)) {
            w.problem("repo", "directory not found: " + repo);
            repo = null;
        } else {
            b.setRepo(repo.toString());
        }
        List<String> editable = w.strings("editable", true);
        List<String> protectedGlobs = w.strings("protected", false);
        if (w.has("editable") && editable.isEmpty()) {
            w.problem("editable", "list at least one path agents may edit");
        }
        b.addAllEditable(editable).addAllProtected(protectedGlobs);
        WorkspaceRules.checkGlobs(w, "editable", editable);
        WorkspaceRules.checkGlobs(w, "protected", protectedGlobs);
        if (repo != null) {
            WorkspaceRules.checkOverlap(w, repo, editable, protectedGlobs);
        }
        c.setWorkspace(b);
        return repo;
    }

    private static RunStep run(YamlSection r, Path repo, Campaign.Builder c) {
        RunStep.Builder b = RunStep.newBuilder();
        boolean hasCommand = r.has("command");
        boolean hasBuiltin = r.has("builtin");
        if (hasCommand && hasBuiltin) {
            r.problem("builtin", "give either command or builtin, not both");
        } else if (!hasCommand && !hasBuiltin) {
            r.missing("command", "give command (a list of arguments) or builtin (one of " + Builtins.names() + ")");
        }
        if (hasCommand) {
            b.addAllCommand(r.strings("command", true));
        }
        r.number("budget_seconds", true, 0.001, 7 * 86400).ifPresent(b::setBudgetSeconds);
        r.number("cost_ms", false, 0, 3_600_000).ifPresent(b::setCostMs);
        r.freeMapping("env").forEach((k, v) -> {
            if (v instanceof ScalarNode s) {
                b.putEnv(k, s.getValue());
            } else {
                r.problem(v, r.field("env." + k), "expected a string value");
            }
        });
        Optional<String> builtin = hasBuiltin ? r.string("builtin", true, "a built-in name") : Optional.empty();
        if (builtin.filter(Builtins.CHARLM::equals).isPresent()) {
            charlm(r, repo, c, b);
        } else if (hasBuiltin) {
            builtin.ifPresent(name -> {
                if (!Builtins.isKnown(name)) {
                    r.problem("builtin", "unknown built-in '" + name + "'; expected one of " + Builtins.names());
                }
                b.setBuiltin(name);
            });
            String params = r.string("params", false, "a properties file").orElse("params.properties");
            b.setParams(params);
            if (repo != null && !Files.isRegularFile(repo.resolve(params))) {
                r.problem(r.has("params") ? "params" : "builtin", "parameter file not found: " + repo.resolve(params));
            }
            if (c.hasGoal() && !c.getGoal().getMetric().isEmpty()
                    && !c.getGoal().getMetric().equals(Builtins.OBJECTIVE_METRIC)) {
                r.problem("builtin", "built-in objectives report the metric '" + Builtins.OBJECTIVE_METRIC
                        + "'; set goal.metric to it (got '" + c.getGoal().getMetric() + "')");
            }
        } else if (r.has("params")) {
            r.problem("params", "params only applies to built-in objectives");
        }
        return b.build();
    }

    /** charlm reads its fixed files and reports val_bpb; 15 s of its budget go to start-up and evaluation. */
    private static void charlm(YamlSection r, Path repo, Campaign.Builder c, RunStep.Builder b) {
        b.setBuiltin(Builtins.CHARLM);
        for (String key : new String[] {"params", "cost_ms"}) {
            if (r.has(key)) {
                r.problem(key, key + " does not apply to charlm (it reads train.properties and Train.java)");
            }
        }
        double min = Builtins.CHARLM_RESERVE_SECONDS + 5;
        if (b.getBudgetSeconds() > 0 && b.getBudgetSeconds() < min) {
            r.problem("budget_seconds", "charlm needs at least " + (int) min + " s ("
                    + (int) Builtins.CHARLM_RESERVE_SECONDS + " s go to start-up and evaluation)");
        }
        for (String file : new String[] {"train.properties", "Train.java"}) {
            if (repo != null && !Files.isRegularFile(repo.resolve(file))) {
                r.problem("builtin", "charlm needs " + file + " in the workspace: not found in " + repo);
            }
        }
        if (c.hasGoal() && !c.getGoal().getMetric().isEmpty()
                && !c.getGoal().getMetric().equals(Builtins.CHARLM_METRIC)) {
            r.problem("builtin", "charlm reports the metric '" + Builtins.CHARLM_METRIC + "'; set goal.metric to it (got '"
                    + c.getGoal().getMetric() + "')");
        }
    }

    static OptionalLong integer(YamlSection s, String key, long min, long max) {
        var v = s.number(key, false, min, max);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (v.getAsDouble() != Math.rint(v.getAsDouble())) {
            s.problem(key, "expected a whole number, got " + v.getAsDouble());
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) v.getAsDouble());
    }
}
