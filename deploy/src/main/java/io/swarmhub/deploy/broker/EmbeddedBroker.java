package io.swarmhub.deploy.broker;

import io.swarmhub.deploy.broker.BrokerDataDir.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in a child JVM
 * on this machine's classpath, with its data, config and log in one directory. Restarting on the
 * same directory keeps every record and listens on the same ports. The child is stopped by
 * {@link #stop()}, by a shutdown hook of this JVM, and by itself if this JVM dies.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    // C1 only: starts ~35% faster on a busy 2-core box; a swarm's few events/s need no C2.
    private static final List<String> BROKER_JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
            // System properties beat any simplelogger.properties on the shared classpath.
            "-Dorg.slf4j.simpleLogger.logFile=System.err", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
            // The full config dumps (~1,100 lines a start) add nothing that server.properties doesn't say.
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^(Caused by: )?[\\w.$]+(Exception|Error)(: .*)?$");

    private final BrokerDataDir dir;
    private final Ports ports;
    private final Process process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private EmbeddedBroker(BrokerDataDir dir, Ports ports, Process process) {
        this.dir = dir;
        this.ports = ports;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "swarmhub-broker-stop");
    }

    /** Starts a broker on {@code dataDir} and blocks until it answers; {@code port} 0 picks (then keeps) one. */
    public static EmbeddedBroker start(Path dataDir, int port) {
        return start(dataDir, port, READY_TIMEOUT);
    }

    /** As {@link #start(Path, int)}, failing if the broker does not answer within {@code readyTimeout}. */
    public static EmbeddedBroker start(Path dataDir, int port, Duration readyTimeout) {
        if (port < 0 || port > 65535) {
            throw new BrokerException("Kafka broker port must be between 0 and 65535, got " + port);
        }
        BrokerDataDir dir = BrokerDataDir.open(dataDir);
        Ports ports = dir.resolvePorts(port);
        dir.requirePortsFree(ports);
        dir.writeServerProperties(ports);
        dir.appendToLog("--- " + Instant.now() + " starting the Kafka broker on " + BrokerDataDir.HOST + ":"
                + ports.broker() + " (controller " + ports.controller() + ")");
        long logOffset = size(dir.logFile());
        List<String> jvm = new ArrayList<>(BROKER_JVM);
        jvm.add("-D" + BrokerProcessMain.PARENT_PID + "=" + ProcessHandle.current().pid());
        if (!dir.isFormatted()) {
            // Only a new directory: a formatted one keeps its cluster id and every record.
            jvm.add("-D" + BrokerProcessMain.FORMAT_CLUSTER_ID + "=" + Uuid.randomUuid());
        }
        Process process = launch(dir, jvm,
                List.of(BrokerProcessMain.class.getName(), dir.serverProperties().toString()));
        EmbeddedBroker broker = new EmbeddedBroker(dir, ports, process);
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            broker.awaitReady(readyTimeout, logOffset);
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return BrokerDataDir.HOST + ":" + ports.broker();
    }

    public int port() {
        return ports.broker();
    }

    /** The pid of the broker's child JVM. */
    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dir.root();
    }

    /** The file the broker's output goes to. */
    public Path logFile() {
        return dir.logFile();
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** Blocks until the broker's JVM exits, for whatever reason, and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops the broker: SIGTERM (Kafka shuts down cleanly), then a kill after 10 s. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or the JVM is exiting: the hook list is frozen.
        }
        if (!process.isAlive()) {
            return;
        }
        boolean interrupted = false;
        process.destroy();
        try {
            if (process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates the topics that do not exist yet on the cluster at {@code bootstrap}. */
    public static void createTopics(String bootstrap, Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(probeConfig(bootstrap))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new BrokerException("Cannot create Kafka topic " + entry.getKey() + " on " + bootstrap
                                + ": " + e.getCause().getMessage());
                    }
                } catch (TimeoutException e) {
                    throw new BrokerException("Kafka at " + bootstrap + " did not create topic " + entry.getKey()
                            + " within 30 s; is the broker running?");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("Interrupted while creating Kafka topics on " + bootstrap);
        }
    }

    private static Process launch(BrokerDataDir dir, List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Absolute entries: the child runs in the data directory, where relative ones would not resolve.
        command.add(java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> e.endsWith("*") ? java.nio.file.Path.of(e.substring(0, e.length() - 1)).toAbsolutePath() + java.io.File.separator + "*"
                        : java.nio.file.Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .directory(dir.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dir.logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new BrokerException("Cannot start a JVM for the Kafka broker (" + command.get(0) + "): "
                    + e.getMessage());
        }
    }

    /** Waits for the port to accept connections, then for the cluster to list this node. */
    private void awaitReady(Duration timeout, long logOffset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress address = new InetSocketAddress(BrokerDataDir.LOOPBACK, ports.broker());
        // Polling the socket first keeps the admin client from logging a warning per refused connection.
        while (!acceptsConnections(address)) {
            pause(deadline, timeout, logOffset);
        }
        try (Admin admin = Admin.create(probeConfig(bootstrapServers()))) {
            while (true) {
                long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try {
                    var options = new DescribeClusterOptions().timeoutMs((int) Math.min(leftMs, 2_000));
                    if (!admin.describeCluster(options).nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException notYet) {
                    // Not ready yet; the deadline decides.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerException("Interrupted while waiting for the Kafka broker at "
                            + bootstrapServers());
                }
                pause(deadline, timeout, logOffset);
            }
        }
    }

    /** Waits up to 100 ms, returning at once if the broker dies; fails past the deadline. */
    private void pause(long deadline, Duration timeout, long logOffset) {
        if (!process.isAlive()) {
            throw new BrokerException("The Kafka broker exited (code " + process.exitValue() + ") while starting"
                    + problemIn(dir.logFile(), logOffset) + "; see " + dir.logFile());
        }
        if (System.nanoTime() - deadline > 0) {
            throw new BrokerException("The Kafka broker at " + bootstrapServers() + " was not ready within "
                    + timeout.toSeconds() + " s; see " + dir.logFile());
        }
        try {
            process.onExit().get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            // The usual case: keep waiting.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("Interrupted while waiting for the Kafka broker at " + bootstrapServers());
        }
    }

    private static boolean acceptsConnections(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Properties probeConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "swarmhub-broker-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "500");
        return p;
    }

    /** ": <the last exception line the child logged since offset>", or "" if there is none. */
    private static String problemIn(Path log, long offset) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, size(log)));
            String problem = "";
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (EXCEPTION_LINE.matcher(line).matches()) {
                    problem = line;
                }
            }
            if (problem.length() > 300) {
                problem = problem.substring(0, 300) + "...";
            }
            return problem.isEmpty() ? "" : ": " + problem;
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
