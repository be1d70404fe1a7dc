package io.swarmhub.evaluator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scrubbed environment of a step: a few harmless variables from the node, the campaign's
 * {@code run.env}, and the {@code SWARM_*} variables that tell the step what it is running for.
 * Tokens and credentials in the node's environment never reach the code under study.
 */
final class RunEnvironment {
    static final List<String> PASSED = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "LC_CTYPE", "TZ",
            "TMPDIR", "JAVA_HOME", "PYENV_ROOT", "PYENV_VERSION", "CUDA_VISIBLE_DEVICES",
            // set by the node per slot (docs/charlm.md); the PyTorch ones point DJL at a local libtorch on GPU boxes
            "SWARM_DEVICE", "SWARM_THREADS", "SWARM_DJL_CACHE", "SWARM_DJL_OFFLINE", "PYTORCH_LIBRARY_PATH",
            "PYTORCH_VERSION", "PYTORCH_FLAVOR");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private RunEnvironment() {
    }

    static Map<String, String> of(Map<String, String> parent, Map<String, String> runEnv, String experimentId,
                                  double budgetSeconds, Path workspace) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String name : PASSED) {
            String value = parent.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(runEnv);
        env.put("SWARM_EXPERIMENT_ID", experimentId);
        env.put("SWARM_BUDGET_SECONDS", seconds(budgetSeconds));
        env.put("SWARM_WORKSPACE", workspace.toAbsolutePath().toString());
        return env;
    }

    /** {@code 60} rather than {@code 60.0}, so shell arithmetic can use whole budgets. */
    static String seconds(double s) {
        return s == Math.rint(s) && Math.abs(s) < 1e15 ? Long.toString((long) s) : Double.toString(s);
    }
}
