package io.swarmhub.node.agent;

import io.swarmhub.protocol.v1.Hardware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a donated machine has: CPU model, cores, memory, and GPUs when {@code nvidia-smi} answers
 * (the command is configurable so tests can put a fake one on the path).
 */
public final class HardwareProbe {
    private final String nvidiaSmi;

    public HardwareProbe(String nvidiaSmi) {
        this.nvidiaSmi = nvidiaSmi;
    }

    /** The probe that uses {@code nvidia-smi} from the PATH. */
    public static HardwareProbe system() {
        return new HardwareProbe("nvidia-smi");
    }

    public Hardware probe() {
        return Hardware.newBuilder()
                .setCpuModel(cpuModel())
                .setCores(Runtime.getRuntime().availableProcessors())
                .setMemoryBytes(memoryBytes())
                .addAllGpus(gpus())
                .build();
    }

    /** GPU names, one per device index; empty when nvidia-smi is absent or fails. */
    public List<String> gpus() {
        List<String> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(nvidiaSmi, "--query-gpu=name", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return out;
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return out;
            }
            text.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(out::add);
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** The device a slot uses: {@code cuda:i} for the i-th GPU, else {@code cpu}. */
    public static String deviceFor(int slot, List<String> gpus) {
        return gpus.isEmpty() ? "cpu" : "cuda:" + (slot % gpus.size());
    }

    /**
     * The variables a slot's run steps get (the evaluator passes them to the experiment, docs/charlm.md): its
     * device, its share of the cores as a thread count, and the native-library cache under the node's data directory
     * (unless the node's own environment names one in {@code SWARM_DJL_CACHE}, e.g. shared by the nodes of
     * {@code swarm up}).
     */
    public static Map<String, String> slotEnvironment(int slot, int slots, Hardware hardware, Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SWARM_DEVICE", deviceFor(slot, hardware.getGpusList()));
        env.put("SWARM_THREADS", Integer.toString(Math.max(1, hardware.getCores() / Math.max(1, slots))));
        // The node's data directory by default; SWARM_DJL_CACHE (or -Dswarm.djl.cache, which `swarm up`
        // sets so its in-process nodes share one) points several nodes at one cache.
        String cache = System.getenv("SWARM_DJL_CACHE");
        if (cache == null || cache.isBlank()) {
            cache = System.getProperty("swarm.djl.cache");
        }
        env.put("SWARM_DJL_CACHE", cache != null && !cache.isBlank() ? cache
                : dataDir.resolve("djl-cache").toAbsolutePath().toString());
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static long memoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().maxMemory();
    }
}
