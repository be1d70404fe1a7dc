package io.swarmhub.coordinator.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.swarmhub.coordinator.projection.WireFormat;
import io.swarmhub.coordinator.tree.Experiment;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ExperimentTree;
import io.swarmhub.coordinator.tree.Page;
import io.swarmhub.coordinator.tree.Subscription;
import io.swarmhub.protocol.v1.WatchEventsResponse;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WatchEvents stream. The forest only signals that a campaign grew; the watch then reads
 * the tree from its own cursor, so nothing is missed or sent twice however signals interleave.
 * Sending respects gRPC flow control: it pauses while the client is not ready and resumes on
 * its ready signal. Drains run on {@code executor}, one at a time per watch.
 */
final class ExperimentWatch {
    private static final int BATCH = 64;

    private final ServerCallStreamObserver<WatchEventsResponse> out;
    private final ExperimentForest forest;
    private final String campaignId;
    private final Executor executor;
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final java.util.Set<ExperimentWatch> registry;
    private volatile boolean cancelled;
    private volatile boolean closing;
    private long cursor;
    private Subscription subscription;

    private ExperimentWatch(ServerCallStreamObserver<WatchEventsResponse> out, ExperimentForest forest,
                            String campaignId, Executor executor, java.util.Set<ExperimentWatch> registry) {
        this.registry = registry;
        this.out = out;
        this.forest = forest;
        this.campaignId = campaignId;
        this.executor = executor;
    }

    /**
     * Starts streaming from {@code cursor}, or from the current end when it is empty. The watch
     * is in {@code registry} until it ends, so a closing server can {@link #close} it.
     */
    static void start(ServerCallStreamObserver<WatchEventsResponse> out, ExperimentForest forest,
                      String campaignId, Optional<Long> cursor, Executor executor, java.util.Set<ExperimentWatch> registry) {
        ExperimentWatch watch = new ExperimentWatch(out, forest, campaignId, executor, registry);
        registry.add(watch);
        // Reads go by cursor, so anything attached between here and the first signal is still sent.
        watch.cursor = cursor.orElseGet(() -> forest.tree(campaignId).map(t -> (long) t.size()).orElse(0L));
        watch.subscription = forest.watch(campaignId, watch::signal);
        out.setOnCancelHandler(watch::cancel);
        out.setOnReadyHandler(watch::signal);
        if (out.isCancelled()) {
            watch.cancel();
            return;
        }
        watch.signal();
    }

    private void cancel() {
        cancelled = true;
        subscription.close();
        registry.remove(this);
    }

    /** Ends the stream normally (server shutting down); the client may resume from its cursor. */
    void close() {
        closing = true;
        signal();
    }

    private void signal() {
        if (pendingSignals.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            if (closing && !cancelled) {
                cancel();
                out.onCompleted();
            }
            send();
            missed = pendingSignals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void send() {
        Optional<ExperimentTree> tree = forest.tree(campaignId);
        if (tree.isEmpty()) {
            return;
        }
        while (!cancelled && out.isReady()) {
            Page page = tree.get().page(cursor, BATCH);
            if (page.items().isEmpty()) {
                return;
            }
            for (Experiment e : page.items()) {
                cursor++;
                out.onNext(WatchEventsResponse.newBuilder()
                        .setExperiment(WireFormat.toEvent(e))
                        .setNextCursor(cursor)
                        .build());
            }
        }
    }
}
