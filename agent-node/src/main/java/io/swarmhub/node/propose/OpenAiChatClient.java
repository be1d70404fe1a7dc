package io.swarmhub.node.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions over the JDK's HTTP client, as OpenAI, vLLM, Ollama, llama.cpp and most gateways
 * serve them. A hard timeout per request covers the whole exchange; 429 and 5xx answers and dropped
 * connections are retried with exponential backoff (honouring Retry-After, capped); replies over a
 * size limit are cut off. The API key goes into the Authorization header and nowhere else: every
 * message this class produces is scrubbed of it.
 */
public final class OpenAiChatClient implements ChatClient {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final LlmSettings settings;
    private final String apiKey;
    private final RateLimiter limiter;
    private final Sleeper sleeper;
    private final Clock clock;
    private final HttpClient http;

    /** @param apiKey the key ("" for endpoints without one) */
    public OpenAiChatClient(LlmSettings settings, String apiKey, RateLimiter limiter, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.apiKey = apiKey == null ? "" : apiKey;
        this.limiter = limiter;
        this.sleeper = sleeper;
        this.clock = clock;
        Duration connect = settings.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? settings.timeout() : Duration.ofSeconds(30);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build();
    }

    @Override
    public Reply complete(String system, String user) throws ChatException {
        byte[] body = request(system, user);
        int attempts = settings.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> r;
            try {
                limiter.acquire();
                LOG.debug("chat request to {} (model {}, attempt {})", settings.endpoint(), settings.model(), attempt);
                r = send(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatException("interrupted while waiting for " + settings.endpoint());
            } catch (IOException e) {
                if (attempt < attempts) {
                    pause(backoff(attempt));
                    continue;
                }
                throw new ChatException(scrub("cannot reach " + settings.endpoint() + " (" + attempts + " attempts): "
                        + e.getMessage()));
            }
            int code = r.statusCode();
            if (code / 100 == 2) {
                return reply(r.body());
            }
            if ((code == 429 || code >= 500) && attempt < attempts) {
                pause(retryAfter(r).orElse(backoff(attempt)));
                continue;
            }
            throw new ChatException(scrub("HTTP " + code + " from " + settings.endpoint()
                    + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + errorText(r.body())));
        }
    }

    private HttpResponse<byte[]> send(byte[] body) throws IOException, InterruptedException, ChatException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.endpoint()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!apiKey.isEmpty()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(b.build(), info -> new CappedBody(settings.maxReplyBytes()));
        try {
            return f.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw timedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut();
            }
            if (cause instanceof CappedBody.TooLarge || cause != null && cause.getCause() instanceof CappedBody.TooLarge) {
                throw new ChatException("the reply from " + settings.endpoint() + " is over the limit of "
                        + settings.maxReplyBytes() + " bytes");
            }
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private ChatException timedOut() {
        return new ChatException(settings.endpoint() + " did not answer within " + seconds(settings.timeout()) + " s");
    }

    private byte[] request(String system, String user) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", settings.model());
        var messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        root.put("temperature", settings.temperature());
        root.put("max_tokens", settings.maxTokens());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply reply(byte[] body) throws ChatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ChatException("the endpoint's answer is not JSON: " + scrub(excerpt(body)));
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        JsonNode content = choice == null ? null : choice.path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new ChatException("the endpoint's answer has no choices[0].message.content: " + scrub(excerpt(body)));
        }
        return new Reply(content.asText(), choice.path("finish_reason").asText(""));
    }

    /** The error message of an OpenAI-style error body, else the body's start. */
    private static String errorText(byte[] body) {
        try {
            JsonNode m = JSON.readTree(body).path("error").path("message");
            if (m.isTextual()) {
                return excerpt(m.asText().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: show the text
        }
        return excerpt(body);
    }

    private static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private Optional<Duration> retryAfter(HttpResponse<?> r) {
        Optional<String> h = r.headers().firstValue("Retry-After");
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.ofMillis(Math.round(Double.parseDouble(h.get().trim()) * 1000));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(clock.instant(), ZonedDateTime.parse(h.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Optional.of(d.compareTo(LlmSettings.MAX_RETRY_WAIT) > 0 ? LlmSettings.MAX_RETRY_WAIT : d);
    }

    private static Duration backoff(int attempt) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempt - 1, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void pause(Duration d) throws ChatException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException("interrupted while waiting to retry " + settings.endpoint());
        }
    }

    private String scrub(String text) {
        return Secrets.scrub(text, apiKey);
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
