package io.swarmhub.deploy.broker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code swarm broker}: runs the embedded single-node Kafka broker in the foreground until Ctrl-C.
 * For development and small swarms; production swarms point at their own cluster with --kafka.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft) on this machine until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".swarm/broker",
            description = "Where the broker keeps its config, log and data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9092",
            description = "Port on 127.0.0.1 for Kafka clients; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start(dataDir, port);
        } catch (BrokerException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("Kafka broker (KRaft) ready at " + broker.bootstrapServers()
                + ", data in " + broker.dataDir());
        spec.commandLine().getOut().flush();
        // Ctrl-C reaches the broker too, and this JVM's shutdown hook stops it; either way we land here.
        int code = broker.awaitExit();
        if (code == 0 || code == 130 || code == 143) {
            return 0;
        }
        spec.commandLine().getErr().println("The Kafka broker exited with code " + code + "; see " + broker.logFile());
        return 1;
    }
}
