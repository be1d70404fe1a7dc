package io.swarmhub.node.propose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1 that plays back scripted answers,
 * one per request (the last one repeats), and records what it was sent.
 */
final class StubChatServer implements AutoCloseable {
    /** One scripted answer. */
    @FunctionalInterface
    interface Answer {
        void respond(HttpExchange ex, CountDownLatch released) throws IOException, InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private Answer last;
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    StubChatServer(List<Answer> script) throws IOException {
        answers.addAll(script);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                next().respond(ex, released);
            } catch (IOException | InterruptedException e) {
                // the client went away (timeout, reply cut off): nothing to answer
            }
        });
        server.start();
    }

    private synchronized Answer next() {
        if (!answers.isEmpty()) {
            last = answers.removeFirst();
        }
        return last;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    static Answer reply(String content) {
        return (ex, released) -> {
            byte[] body = JSON.writeValueAsBytes(Map.of("choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                    "message", Map.of("role", "assistant", "content", content)))));
            send(ex, 200, body, Map.of());
        };
    }

    static Answer status(int code, String body, Map<String, String> headers) {
        return (ex, released) -> send(ex, code, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Never answers (until the server closes). */
    static Answer hang() {
        return (ex, released) -> released.await();
    }

    /** A 200 whose body goes on for {@code bytes}. */
    static Answer huge(int bytes) {
        return (ex, released) -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        };
    }

    /** A 401 that echoes the Authorization header back, as a careless gateway might. */
    static Answer echoAuthorization() {
        return (ex, released) -> send(ex, 401, ("{\"error\":{\"message\":\"invalid credentials: "
                + ex.getRequestHeaders().getFirst("Authorization") + "\"}}").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void send(HttpExchange ex, int code, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
