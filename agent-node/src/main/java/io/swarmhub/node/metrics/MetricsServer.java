package io.swarmhub.node.metrics;

import io.swarmhub.protocol.metrics.ScrapeHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** A small HTTP server (the JDK's) that serves a node's {@code /metrics} for Prometheus to scrape. */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private MetricsServer(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Serves {@code scrape} at {@code http://host:port/metrics} (port 0: any free port); throws
     * {@link IOException} when the address cannot be bound (port in use, unknown host).
     */
    public static MetricsServer start(String host, int port, Supplier<String> scrape) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IllegalArgumentException e) {
            // a port out of range, or a host that does not resolve (UnresolvedAddressException)
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e, e);
        }
        server.createContext("/metrics", new ScrapeHandler(scrape));
        // One thread: scrapes are rare and cheap, and a second scraper may wait.
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor, host);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The scrape address, e.g. {@code http://127.0.0.1:7442/metrics}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
