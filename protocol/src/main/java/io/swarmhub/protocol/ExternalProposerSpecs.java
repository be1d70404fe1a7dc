package io.swarmhub.protocol;

import io.swarmhub.protocol.v1.AgentSpec;
import io.swarmhub.protocol.v1.LlmSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the keys of the proposers that reach outside the node: {@code llm} endpoints and {@code agent} commands. */
final class ExternalProposerSpecs {
    static final Set<String> LLM_KEYS = Set.of("base_url", "model", "api_key_env", "temperature", "max_tokens",
            "timeout_seconds", "requests_per_minute", "max_retries", "max_file_bytes");
    static final Set<String> AGENT_KEYS = Set.of("command", "timeout_seconds", "env", "pass_env");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExternalProposerSpecs() {
    }

    static LlmSpec llm(YamlSection p) {
        LlmSpec.Builder b = LlmSpec.newBuilder();
        p.string("base_url", true, "the endpoint's base URL, e.g. https://api.openai.com/v1").ifPresent(url -> {
            if (!isHttpUrl(url)) {
                p.problem("base_url", "expected an http(s) URL such as https://api.openai.com/v1 or "
                        + "http://127.0.0.1:8000/v1, got '" + url + "'");
            }
            b.setBaseUrl(url);
        });
        p.string("model", true, "the model name the endpoint serves").ifPresent(b::setModel);
        p.string("api_key_env", false, "the name of an environment variable").ifPresent(name -> {
            if (!ENV_NAME.matcher(name).matches()) {
                p.problem("api_key_env", "expected the NAME of the environment variable that holds the key "
                        + "(e.g. OPENAI_API_KEY), not the key itself; never write a key into a campaign file");
            } else {
                b.setApiKeyEnv(name);
            }
        });
        p.number("temperature", false, 0, 2).ifPresent(b::setTemperature);
        CampaignLoader.integer(p, "max_tokens", 1, 1_000_000).ifPresent(v -> b.setMaxTokens((int) v));
        p.number("timeout_seconds", false, 0.001, 3600).ifPresent(b::setTimeoutSeconds);
        p.number("requests_per_minute", false, 0, 1_000_000).ifPresent(b::setRequestsPerMinute);
        CampaignLoader.integer(p, "max_retries", 0, 20).ifPresent(v -> b.setMaxRetries((int) v));
        CampaignLoader.integer(p, "max_file_bytes", 256, 64L << 20).ifPresent(b::setMaxFileBytes);
        return b.build();
    }

    static AgentSpec agent(YamlSection p) {
        AgentSpec.Builder b = AgentSpec.newBuilder();
        List<String> command = p.strings("command", true);
        if (p.has("command") && command.isEmpty()) {
            p.problem("command", "give the agent's command as a list of arguments, e.g. [./agent.sh]");
        }
        b.addAllCommand(command);
        p.number("timeout_seconds", false, 0.001, 7 * 86400).ifPresent(b::setTimeoutSeconds);
        p.freeMapping("env").forEach((k, v) -> {
            if (v instanceof ScalarNode s) {
                b.putEnv(k, s.getValue());
            } else {
                p.problem(v, p.field("env." + k), "expected a string value");
            }
        });
        for (String name : p.strings("pass_env", false)) {
            if (!ENV_NAME.matcher(name).matches()) {
                p.problem("pass_env", "'" + name + "' is not an environment variable name");
            } else {
                b.addPassEnv(name);
            }
        }
        return b.build();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI u = new URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
