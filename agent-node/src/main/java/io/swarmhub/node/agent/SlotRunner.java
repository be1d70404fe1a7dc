package io.swarmhub.node.agent;

import io.swarmhub.node.LocalRatchet;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.RatchetSummary;
import io.swarmhub.node.SwarmView;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Hardware;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One slot of a node working on one campaign: a ratchet on its own thread, publishing to the swarm. */
final class SlotRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SlotRunner.class);
    private final String campaignId;
    private final int slot;
    private final Thread thread;
    private volatile LocalRatchet ratchet;
    private volatile boolean stopped;
    private volatile RatchetSummary summary;

    SlotRunner(String campaignId, Campaign campaign, Path baseDir, Path slotDir, int slot, String node, Hardware hardware,
               Map<String, String> runEnv, SwarmLog.Publisher publisher, SwarmView view, long seed, Clock clock,
               RatchetListener listener) {
        this.campaignId = campaignId;
        this.slot = slot;
        this.thread = new Thread(() -> {
            try {
                LocalRatchet local = LocalRatchet.open(campaign, baseDir, slotDir,
                        new LocalRatchet.Options(0, seed, node, campaignId, runEnv), clock, listener,
                        ledger -> new SwarmLog(ledger, publisher, campaignId, slot, hardware, clock), view);
                ratchet = local;
                try (local) {
                    if (!stopped) {
                        summary = local.ratchet().run();
                        LOG.info("slot {} on campaign {} stopped: {}", slot, campaignId, summary.stopReason());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("slot {} on campaign {} failed: {}", slot, campaignId, e.getMessage());
            }
        }, "slot-" + slot + "-" + campaignId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String campaignId() {
        return campaignId;
    }

    int slot() {
        return slot;
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    RatchetSummary summary() {
        return summary;
    }

    /** Stops the loop (the running experiment is killed and recorded as LOST) and waits for it. */
    void stop(long waitMillis) {
        stopped = true;
        LocalRatchet r = ratchet;
        if (r != null) {
            r.ratchet().stop();
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
