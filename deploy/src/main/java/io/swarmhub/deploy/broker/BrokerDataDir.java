package io.swarmhub.deploy.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The layout of one embedded broker's data directory:
 * <pre>
 * server.properties   the broker config, rewritten at every start
 * ports.properties    the broker and controller ports, kept so a restart listens where it did
 * broker.log          the child JVM's output (format and broker), appended to
 * kafka-logs/         Kafka's log.dirs; meta.properties there means "already formatted"
 * </pre>
 */
final class BrokerDataDir {
    static final InetAddress LOOPBACK = loopback();
    static final String HOST = "127.0.0.1";

    private final Path root;

    private BrokerDataDir(Path root) {
        this.root = root;
    }

    /** Opens (creating if needed) a data directory. */
    static BrokerDataDir open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve("kafka-logs"));
        } catch (IOException e) {
            throw new BrokerException("Cannot create the broker data directory " + root + ": " + e);
        }
        return new BrokerDataDir(root);
    }

    Path root() {
        return root;
    }

    Path serverProperties() {
        return root.resolve("server.properties");
    }

    Path logFile() {
        return root.resolve("broker.log");
    }

    Path kafkaLogs() {
        return root.resolve("kafka-logs");
    }

    private Path portsFile() {
        return root.resolve("ports.properties");
    }

    boolean isFormatted() {
        return Files.exists(kafkaLogs().resolve("meta.properties"));
    }

    /**
     * The ports to listen on: the requested broker port (0 = the remembered one, else a free one)
     * and the remembered controller port (else a free one). KRaft's voter list names the
     * controller port, so it stays the same for the life of the data directory.
     */
    Ports resolvePorts(int requestedPort) {
        Optional<Ports> stored = readPorts();
        int storedController = stored.map(Ports::controller).orElse(0);
        if (requestedPort != 0 && requestedPort == storedController) {
            throw new BrokerException("Port " + requestedPort + " is the controller port of the broker data in "
                    + root + " (see " + portsFile() + "); choose another --port");
        }
        int broker = requestedPort != 0 ? requestedPort
                : stored.map(Ports::broker).orElseGet(() -> freePort(storedController));
        int controller = storedController != 0 ? storedController : freePort(broker);
        Ports ports = new Ports(broker, controller);
        if (stored.isEmpty() || !stored.get().equals(ports)) {
            write(portsFile(), List.of(
                    "# Ports of the embedded Kafka broker; the controller port must not change.",
                    "port=" + broker,
                    "controller.port=" + controller));
        }
        return ports;
    }

    /** Writes {@code server.properties} for a single combined broker+controller node. */
    void writeServerProperties(Ports ports) {
        String broker = HOST + ":" + ports.broker();
        String controller = HOST + ":" + ports.controller();
        write(serverProperties(), List.of(
                "# Written by swarm broker at every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + kafkaLogs().toString().replace("\\", "\\\\"),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true"));
    }

    /** Appends a line of our own to the broker log, so restarts are easy to tell apart in it. */
    void appendToLog(String line) {
        try {
            Files.writeString(logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BrokerException("Cannot write the broker log " + logFile() + ": " + e.getMessage());
        }
    }

    /** Fails with a user-facing message when either port cannot be bound on 127.0.0.1. */
    void requirePortsFree(Ports ports) {
        requireFree(ports.broker(), "port", "stop that process or choose another --port");
        requireFree(ports.controller(), "controller port",
                "stop that process, or delete " + portsFile() + " to pick new ports");
    }

    private static void requireFree(int port, String what, String remedy) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new BrokerException("Cannot start the Kafka broker: " + what + " " + HOST + ":" + port
                    + " is already in use (another broker?); " + remedy);
        }
    }

    private static int freePort(int avoid) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
                if (socket.getLocalPort() != avoid) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new BrokerException("Cannot find a free port on " + HOST + ": " + e.getMessage());
            }
        }
    }

    private Optional<Ports> readPorts() {
        if (!Files.exists(portsFile())) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(portsFile(), StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Ports(Integer.parseInt(p.getProperty("port", "").trim()),
                    Integer.parseInt(p.getProperty("controller.port", "").trim())));
        } catch (IOException | RuntimeException e) {
            throw new BrokerException("Cannot read " + portsFile() + " (" + e.getMessage()
                    + "); it needs port=N and controller.port=N");
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrokerException("Cannot write " + file + ": " + e.getMessage());
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker (client) port and the KRaft controller port. */
    record Ports(int broker, int controller) {
        Ports {
            if (broker < 1 || broker > 65535 || controller < 1 || controller > 65535) {
                throw new BrokerException("Ports must be between 1 and 65535, got " + broker + " and " + controller);
            }
        }
    }
}
