package io.swarmhub.evaluator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation's abort flag. {@link #abort()} may come from any thread: it wakes a simulated-cost wait
 * and kills whatever step is attached at that moment.
 */
final class AbortSignal {
    private final CountDownLatch fired = new CountDownLatch(1);
    private Runnable kill;

    /** Attaches the running step's kill action; runs it at once if the abort already happened. */
    void attach(Runnable killAction) {
        synchronized (this) {
            if (!isAborted()) {
                kill = killAction;
                return;
            }
        }
        killAction.run();
    }

    synchronized void detach() {
        kill = null;
    }

    void abort() {
        Runnable k;
        synchronized (this) {
            fired.countDown();
            k = kill;
        }
        if (k != null) {
            k.run();
        }
    }

    boolean isAborted() {
        return fired.getCount() == 0;
    }

    /** Waits up to {@code millis}; true if aborted meanwhile. A thread interrupt counts as an abort. */
    boolean await(double millis) {
        try {
            return fired.await(Math.round(millis * 1_000_000), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            return true;
        }
    }
}
