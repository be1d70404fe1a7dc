package io.swarmhub.deploy;

import io.swarmhub.deploy.bench.BenchCommand;
import io.swarmhub.deploy.broker.BrokerCommand;
import io.swarmhub.deploy.cli.CampaignCommand;
import io.swarmhub.deploy.cli.CheckoutCommand;
import io.swarmhub.deploy.cli.CoordinatorCommand;
import io.swarmhub.deploy.cli.FindingsCommand;
import io.swarmhub.deploy.cli.NodeCommand;
import io.swarmhub.deploy.cli.NodesCommand;
import io.swarmhub.deploy.cli.PlotCommand;
import io.swarmhub.deploy.cli.RunCommand;
import io.swarmhub.deploy.cli.TreeCommand;
import io.swarmhub.deploy.cli.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code swarm} command line: one subcommand per user task. */
@Command(name = "swarm", mixinStandardHelpOptions = true, version = "swarmhub 0.1.0",
        description = "Run autoresearch ratchets on one machine or as a swarm.",
        subcommands = {RunCommand.class, UpCommand.class, CampaignCommand.class, TreeCommand.class, CheckoutCommand.class,
                FindingsCommand.class, NodesCommand.class, PlotCommand.class, NodeCommand.class,
                CoordinatorCommand.class, BrokerCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class SwarmCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 failure, 2 usage or campaign error, 130 interrupted). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** As {@link #execute(String...)}, writing the commands' output and errors to {@code out} and {@code err} (null: stdout, stderr). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SwarmCli());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (ex instanceof io.grpc.StatusRuntimeException sre) {
                message = "the coordinator call failed (" + sre.getStatus().getCode() + ")"
                        + (sre.getStatus().getDescription() == null ? "" : ": " + sre.getStatus().getDescription().lines().findFirst().orElse(""))
                        + "; check that the coordinator and Kafka are up (their logs say why)";
            }
            cmd.getErr().println("swarm: " + message);
            if (System.getenv("SWARM_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }
}
