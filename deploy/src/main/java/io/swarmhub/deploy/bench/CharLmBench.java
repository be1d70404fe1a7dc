package io.swarmhub.deploy.bench;

import io.swarmhub.evaluator.Evaluation;
import io.swarmhub.evaluator.Evaluator;
import io.swarmhub.protocol.Builtins;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm bench charlm}: the built-in workload as an experiment sees it, through the evaluator: val_bpb and
 * tokens/s reached in the budget, the start-up of an experiment (compile in the node, then child JVM, data,
 * native load and model until training starts), and peak memory. The first run may unpack the native library.
 */
@Command(name = "charlm", mixinStandardHelpOptions = true,
        description = "The charlm workload: val_bpb and tokens/s in the budget, start-up, peak memory.")
public final class CharLmBench implements Callable<Integer> {
    private static final Pattern COMPILED = Pattern.compile("compiled Train.java in ([0-9.]+) s");

    @Option(names = "--runs", defaultValue = "3", description = "experiments to run (default: 3)")
    int runs;

    @Option(names = "--budget", defaultValue = "60", description = "budget_seconds of each run (default: 60)")
    double budget;

    @Option(names = "--workspace", description = "directory with Train.java and train.properties "
            + "(default: examples/charlm of this checkout)")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        Path source = workspace != null ? workspace
                : Path.of(System.getenv().getOrDefault("SWARM_HOME", "."), "examples", "charlm");
        Path dir = Files.createTempDirectory("swarm-bench-charlm");
        Campaign campaign = Campaign.newBuilder().setName("bench-charlm")
                .setGoal(Goal.newBuilder().setMetric(Builtins.CHARLM_METRIC).setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("train.properties").addEditable("Train.java"))
                .setRun(RunStep.newBuilder().setBuiltin(Builtins.CHARLM).setBudgetSeconds(budget))
                .build();
        Map<String, String> nodeEnv = new HashMap<>();
        System.err.printf(Locale.ROOT, "swarm bench charlm: %d runs of %.0f s on %s, logs in %s%n", runs, budget,
                source, dir);
        Evaluator evaluator = new Evaluator(campaign, nodeEnv);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path ws = Files.createDirectories(dir.resolve("ws-" + i));
            for (String f : new String[] {"Train.java", "train.properties"}) {
                Files.copy(source.resolve(f), ws.resolve(f));
            }
            Path log = dir.resolve("run-" + i + ".log");
            Evaluation e = evaluator.evaluate("bench-" + i, ws, log);
            Matcher m = COMPILED.matcher(Files.readString(log));
            double compile = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            String line = e.ok() ? String.format(Locale.ROOT,
                    "run %d: val_bpb %.4f (unigram %.4f, %.1f%% below)  %,.0f tok/s  %d steps in %.1f s  "
                            + "start-up %.2f s (+ compile %.2f s in the node)  peak %.0f MB  total %.1f s",
                    i, e.goal(), m("unigram_bpb", e), 100 * (1 - e.goal() / m("unigram_bpb", e)),
                    m("tokens_per_second", e), (long) m("num_steps", e), m("training_seconds", e),
                    m("startup_seconds", e), compile, m("peak_memory_mb", e), e.seconds())
                    : "run " + i + ": " + e.outcome() + ": " + e.message();
            System.out.println(line);
            lines.add(line);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, load average %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        return lines.stream().allMatch(l -> l.contains("val_bpb")) ? 0 : 1;
    }

    private static double m(String name, Evaluation e) {
        return e.metrics().getOrDefault(name, Double.NaN);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
