package io.swarmhub.deploy.bench;

import picocli.CommandLine.Command;

/** {@code swarm bench ...}: the benchmarks whose figures go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure Swarmhub itself.",
        subcommands = {LoopBench.class, SwarmBench.class, CharLmBench.class, UiBench.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("swarm bench: name a benchmark: loop, swarm, charlm, ui");
    }
}
