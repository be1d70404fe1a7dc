package io.swarmhub.evaluator.charlm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * PyTorch for one experiment, from the environment the node sets: offline DJL with its native-library cache in
 * {@code SWARM_DJL_CACHE} (default {@code ~/.swarm/djl-cache}), the device in {@code SWARM_DEVICE}
 * ({@code cpu} or {@code cuda:N}), the intra-op thread count in {@code SWARM_THREADS} (default: all cores).
 */
final class NativeSetup {
    private NativeSetup() {
    }

    /** The PyTorch engine, seeded, with gradients off outside a GradientCollector. */
    static Engine engine(Map<String, String> env, long seed) {
        String cache = env.getOrDefault("SWARM_DJL_CACHE",
                Path.of(System.getProperty("user.home"), ".swarm", "djl-cache").toString());
        setIfAbsent("ai.djl.offline", env.getOrDefault("SWARM_DJL_OFFLINE", "true"));
        setIfAbsent("DJL_CACHE_DIR", cache);
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads(env)));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new CharLmException("cannot load the PyTorch native library (offline, cache " + cache + "): " + e, e);
        }
        engine.setRandomSeed((int) seed);
        JniUtils.setGradMode(false);
        return engine;
    }

    /** The device named by {@code SWARM_DEVICE}, checked against what PyTorch sees. */
    static Device device(Map<String, String> env, Engine engine) {
        String name = env.getOrDefault("SWARM_DEVICE", "cpu").trim();
        if (name.isEmpty() || name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.matches("(cuda|gpu):\\d{1,3}")) {
            int index = Integer.parseInt(name.substring(name.indexOf(':') + 1));
            int gpus = engine.getGpuCount();
            if (index >= gpus) {
                throw new CharLmException("SWARM_DEVICE is " + name + " but PyTorch sees " + gpus + " GPU(s); "
                        + "GPU boxes need the CUDA build of libtorch (mvn -Pcuda, docs/charlm.md)");
            }
            return Device.gpu(index);
        }
        throw new CharLmException("SWARM_DEVICE is '" + name + "'; expected cpu or cuda:N");
    }

    /** {@code SWARM_THREADS}, else every core. */
    static int threads(Map<String, String> env) {
        String v = env.get("SWARM_THREADS");
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new CharLmException("SWARM_THREADS is '" + v + "'; expected a whole number >= 1");
    }

    /** Peak resident memory of this process (VmHWM), in MB; the JVM heap in use where /proc is missing. */
    static double peakMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / (1024.0 * 1024);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
