package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping for a guessed time. */
final class Await {
    private Await() {
    }

    /** Checks {@code condition} every {@code every} until it holds; fails with {@code whatFailed} past {@code timeout}. */
    static void until(Duration timeout, Duration every, BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeout.toSeconds() + " s: " + whatFailed.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(every.toMillis()));
            if (Thread.interrupted()) {
                fail("interrupted while waiting: " + whatFailed.get());
            }
        }
    }

    /** As {@link #until(Duration, Duration, BooleanSupplier, Supplier)}, checking every 100 ms. */
    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed) {
        until(timeout, Duration.ofMillis(100), condition, whatFailed);
    }
}
