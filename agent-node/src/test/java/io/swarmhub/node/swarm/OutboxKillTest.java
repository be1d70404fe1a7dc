package io.swarmhub.node.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process that is appending to an outbox with SIGKILL and checks nothing acknowledged is lost. */
class OutboxKillTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void open_afterSigkillMidAppend_keepsEveryAcknowledgedEvent() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxAppender.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastAcknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastAcknowledged = Long.parseLong(line.trim());
                if (lastAcknowledged >= 5_000) {
                    child.destroyForcibly(); // SIGKILL, while it keeps appending
                    break;
                }
            }
        }
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child died");
        assertTrue(lastAcknowledged >= 5_000, "the child appended: " + lastAcknowledged);

        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(4096, false))) {
            long delivered = outbox.deliveredUpTo();
            assertTrue(delivered > 0, "the marker was written: " + delivered);
            assertTrue(outbox.endPosition() > lastAcknowledged, "end " + outbox.endPosition() + " <= " + lastAcknowledged);
            List<Outbox.Entry> pending = outbox.pending(Integer.MAX_VALUE);
            assertEquals(outbox.endPosition() - delivered, pending.size());
            for (int i = 0; i < pending.size(); i++) {
                assertEquals(delivered + i, pending.get(i).position());
                assertEquals("id-" + (delivered + i), pending.get(i).eventId());
            }
            assertTrue(outbox.segmentCount() < 10, "delivered segments were compacted: " + outbox.segmentCount());
        }
    }
}
