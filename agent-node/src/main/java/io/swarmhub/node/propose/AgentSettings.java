package io.swarmhub.node.propose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the coding-agent proposer runs its command: the argv, the time limit (the whole process tree
 * is killed at it), extra environment, and the names of node environment variables passed through
 * (the agent's own API keys; nothing else of the node's environment reaches it).
 */
public record AgentSettings(List<String> command, Duration timeout, Map<String, String> env, List<String> passEnv) {
    public AgentSettings {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an agent proposer needs a command");
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
        passEnv = List.copyOf(passEnv);
    }
}
