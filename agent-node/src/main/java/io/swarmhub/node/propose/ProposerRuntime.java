package io.swarmhub.node.propose;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What proposers that reach outside the node take from it: its environment (API keys, looked up by
 * name), time (a clock and a sleeper, faked in tests), where scratch copies go, and the rate limiters
 * that every loop of the node shares per endpoint. {@link #system()} is the one of this process.
 */
public final class ProposerRuntime {
    private static final ProposerRuntime SYSTEM = new ProposerRuntime(System::getenv, Clock.systemUTC(), Sleeper.SYSTEM,
            Path.of(System.getProperty("java.io.tmpdir")));

    private final Function<String, String> env;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Path scratchRoot;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public ProposerRuntime(Function<String, String> env, Clock clock, Sleeper sleeper, Path scratchRoot) {
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.scratchRoot = scratchRoot;
    }

    /** The node process's runtime: real environment, clock and sleep, the system's temporary directory. */
    public static ProposerRuntime system() {
        return SYSTEM;
    }

    /** An environment variable of the node, or null. */
    public String env(String name) {
        return env.apply(name);
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Path scratchRoot() {
        return scratchRoot;
    }

    /** The limiter every loop of this node shares for one endpoint and model. */
    public RateLimiter limiter(String endpoint, double perMinute) {
        return limiters.computeIfAbsent(endpoint + "|" + perMinute, k -> new RateLimiter(perMinute, clock, sleeper));
    }
}
