package io.swarmhub.node.propose;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; injected so that tests of retries and rate limits advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing. */
    Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
