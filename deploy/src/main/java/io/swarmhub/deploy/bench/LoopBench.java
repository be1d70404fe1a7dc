package io.swarmhub.deploy.bench;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.LocalRatchet;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.GuardSpec;
import io.swarmhub.protocol.v1.Parameter;
import io.swarmhub.protocol.v1.ParameterKind;
import io.swarmhub.protocol.v1.ProposerSpec;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm bench loop}: the framework's overhead per experiment, measured with a zero-cost
 * built-in objective so that everything timed is Swarmhub itself (propose, write, diff, guard,
 * judge, commit or reset, ledger). Reported separately for discards and keeps.
 */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = "Framework overhead per experiment (zero-cost objective), for keeps and discards.")
public final class LoopBench implements Callable<Integer> {
    @Option(names = "--experiments", defaultValue = "1000", description = "experiments to time (default: 1000)")
    int experiments;

    @Option(names = "--warmup", defaultValue = "200", description = "experiments run first and not timed (default: 200)")
    int warmup;

    @Option(names = "--dimensions", defaultValue = "10", description = "dimensions of the sphere objective (default: 10)")
    int dimensions;

    @Option(names = "--keep-data", description = "keep the workspace and ledger (deleted at the end by default)")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        try (ScratchDir scratch = ScratchDir.create("swarm-bench-loop", keepData)) {
            return run(scratch.path());
        }
    }

    private int run(Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        StringBuilder params = new StringBuilder();
        Campaign.Builder c = Campaign.newBuilder().setName("bench-loop")
                .setGoal(Goal.newBuilder().setMetric("objective").setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().setRepo(repo.toString()).addEditable("params.properties"))
                .setRun(RunStep.newBuilder().setBuiltin("bench:sphere").setParams("params.properties").setBudgetSeconds(10))
                .setGuard(GuardSpec.newBuilder().setMaxPatchBytes(65536));
        ProposerSpec.Builder mutation = ProposerSpec.newBuilder().setKind("mutation").setWeight(1)
                .setFile("params.properties").setMaxChanges(2);
        for (int i = 0; i < dimensions; i++) {
            params.append("x").append(i).append(" = 3.0\n");
            mutation.addSpace(Parameter.newBuilder().setName("x" + i).setKind(ParameterKind.FLOAT).setMin(-5).setMax(5));
        }
        Files.writeString(repo.resolve("params.properties"), params);
        c.addProposers(mutation);
        List<Long> keeps = new ArrayList<>();
        List<Long> discards = new ArrayList<>();
        List<Long> keepsCpu = new ArrayList<>();
        List<Long> discardsCpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] last = {0, 0};
        int[] seen = {0};
        RatchetListener timer = (Experiment e, io.swarmhub.node.Progress p) -> {
            long now = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            if (seen[0]++ > warmup && last[0] != 0) {
                (e.status() == Status.KEEP ? keeps : discards).add(now - last[0]);
                (e.status() == Status.KEEP ? keepsCpu : discardsCpu).add(cpu - last[1]);
            }
            last[0] = now;
            last[1] = cpu;
        };
        System.err.printf("swarm bench loop: %d + %d warm-up experiments on %d-D sphere (zero cost), data in %s%n",
                experiments, warmup, dimensions, dir);
        try (LocalRatchet local = LocalRatchet.open(c.build(), dir.resolve("data"),
                new LocalRatchet.Options(experiments + warmup + 1L, 7, "bench"), Clock.systemUTC(), timer)) {
            local.ratchet().run();
        }
        System.out.println(line("discard", discards) + "   (wall clock)");
        System.out.println(line("keep", keeps) + "   (wall clock)");
        System.out.println(line("discard", discardsCpu) + "   (CPU time of the loop thread)");
        System.out.println(line("keep", keepsCpu) + "   (CPU time of the loop thread)");
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    static String line(String what, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return what + ": no samples";
        }
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return String.format(Locale.ROOT, "%-8s n=%d  median %.2f ms  p90 %.2f ms  p99 %.2f ms  mean %.2f ms", what,
                a.length, a[a.length / 2] / 1e6, a[(int) (a.length * 0.9)] / 1e6, a[(int) Math.min(a.length - 1, a.length * 0.99)] / 1e6,
                Arrays.stream(a).average().orElse(0) / 1e6);
    }
}
