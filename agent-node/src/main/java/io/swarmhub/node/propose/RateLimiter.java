package io.swarmhub.node.propose;

import java.time.Clock;
import java.time.Duration;

/**
 * Spaces requests evenly: at most {@code perMinute} a minute, one every {@code 60 / perMinute}
 * seconds, shared by every loop of a node that uses the same endpoint. 0 means no limit.
 */
public final class RateLimiter {
    private final long intervalMillis;
    private final Clock clock;
    private final Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    public RateLimiter(double perMinute, Clock clock, Sleeper sleeper) {
        this.intervalMillis = perMinute > 0 ? Math.round(60_000 / perMinute) : 0;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Returns when the next request may go out (reserving that moment for the caller). */
    public void acquire() throws InterruptedException {
        if (intervalMillis == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = clock.millis();
            long at = Math.max(now, next);
            next = at + intervalMillis;
            wait = at - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofMillis(wait));
        }
    }
}
