package io.swarmhub.node.propose;

import java.time.Duration;

/**
 * How a node talks to an OpenAI-compatible endpoint: where, which model, which environment variable
 * holds the key (empty: none), sampling, limits, and how the prompt cuts large files.
 */
public record LlmSettings(String baseUrl, String model, String apiKeyEnv, double temperature, int maxTokens,
                          Duration timeout, double requestsPerMinute, int maxRetries, long maxFileBytes,
                          long maxReplyBytes) {
    /** Longest wait a Retry-After header may impose. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

    public LlmSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv;
    }

    /** The chat completions URL. */
    public String endpoint() {
        return baseUrl.endsWith("/chat/completions") ? baseUrl : baseUrl + "/chat/completions";
    }
}
