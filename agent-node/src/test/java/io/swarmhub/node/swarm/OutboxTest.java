package io.swarmhub.node.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static byte[] value(int i) {
        return ("event-" + i).repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
    }

    private static void appendN(Outbox outbox, int from, int to) {
        for (int i = from; i < to; i++) {
            outbox.append(i % 2 == 0 ? "swarmhub.experiments" : "swarmhub.findings", "campaign-" + i % 3, value(i), "id-" + i);
        }
    }

    @Test
    void append_reopen_keepsEveryEventInOrder() {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 100);
            assertEquals(100, outbox.pendingCount());
        }
        try (Outbox outbox = Outbox.open(dir)) {
            List<Outbox.Entry> pending = outbox.pending(1000);
            assertEquals(100, pending.size());
            for (int i = 0; i < 100; i++) {
                Outbox.Entry e = pending.get(i);
                assertEquals(i, e.position());
                assertEquals("id-" + i, e.eventId());
                assertEquals("campaign-" + i % 3, e.key());
                assertArrayEquals(value(i), e.value());
            }
            assertEquals(100, outbox.endPosition());
        }
    }

    @Test
    void append_nullKey_roundTrips() {
        try (Outbox outbox = Outbox.open(dir)) {
            outbox.append("t", null, new byte[0], "x");
        }
        try (Outbox outbox = Outbox.open(dir)) {
            Outbox.Entry e = outbox.pending(10).get(0);
            assertNull(e.key());
            assertEquals(0, e.value().length);
        }
    }

    @Test
    void open_tornLastRecord_dropsItAndKeepsTheRest() throws IOException {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 10);
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 3); // a kill in the middle of the last write
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(9, outbox.pendingCount());
            assertEquals(9, outbox.endPosition());
            assertEquals("id-8", outbox.pending(100).get(8).eventId());
            assertTrue(Files.size(segment) < size - 3, "the torn tail is truncated on open");
            assertEquals(9, outbox.append("t", "k", value(9), "id-9"), "the next append reuses the torn position");
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(10, outbox.pendingCount());
            assertEquals("id-9", outbox.pending(100).get(9).eventId());
        }
    }

    @Test
    void open_corruptLastRecord_failsCrcAndIsDropped() throws IOException {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 5);
        }
        Path segment = onlySegment();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() - 2);
            f.write(0x5A); // flip a byte inside the last value
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(4, outbox.pendingCount());
        }
    }

    @Test
    void open_garbageAppendedAfterRecords_isTruncated() throws IOException {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 3);
        }
        Files.write(onlySegment(), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(3, outbox.pendingCount());
        }
    }

    @Test
    void markDelivered_reopen_pendingStartsAfterTheMarker() {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 20);
            outbox.markDelivered(11);
            assertEquals(8, outbox.pendingCount());
            assertEquals(12, outbox.deliveredUpTo());
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(8, outbox.pendingCount());
            assertEquals(12, outbox.pending(1).get(0).position());
            outbox.markDelivered(3); // going backwards is ignored
            assertEquals(12, outbox.deliveredUpTo());
        }
    }

    @Test
    void markDelivered_neverAppendedPosition_isRejected() {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 2);
            assertThrows(IllegalArgumentException.class, () -> outbox.markDelivered(2));
        }
    }

    @Test
    void markDelivered_fullyDeliveredSegments_areDeleted() throws IOException {
        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(256, false))) {
            appendN(outbox, 0, 60);
            int before = outbox.segmentCount();
            assertTrue(before > 5, "small segments roll over: " + before);
            outbox.markDelivered(59);
            assertEquals(1, outbox.segmentCount(), "only the active segment stays");
            assertEquals(1, segments().size());
            assertEquals(0, outbox.pendingCount());
        }
    }

    @Test
    void append_afterEverythingWasDeliveredAndCompacted_positionsKeepGrowing() {
        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(64, false))) {
            appendN(outbox, 0, 10);
            outbox.markDelivered(9);
        }
        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(64, false))) {
            assertEquals(0, outbox.pendingCount());
            assertEquals(10, outbox.append("t", "k", value(10), "id-10"));
            assertEquals(1, outbox.pendingCount(), "a new event is pending, not mistaken for a delivered one");
        }
    }

    @Test
    void open_markerMissing_redeliversWhatIsKept() throws IOException {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 5);
            outbox.markDelivered(2);
        }
        Files.delete(dir.resolve("delivered"));
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(5, outbox.pendingCount(), "a lost marker means redelivery, never loss");
        }
    }

    @Test
    void read_acrossSegments_returnsConsecutivePositions() {
        try (Outbox outbox = Outbox.open(dir, new Outbox.Options(200, true))) {
            appendN(outbox, 0, 40);
            outbox.markDelivered(4);
            List<Outbox.Entry> batch = outbox.pending(30);
            assertEquals(30, batch.size());
            for (int i = 0; i < 30; i++) {
                assertEquals(5 + i, batch.get(i).position());
            }
            assertEquals(5, outbox.pending(100).size() - 30);
        }
    }

    @Test
    void append_callerInterrupted_outboxStaysUsable() {
        try (Outbox outbox = Outbox.open(dir)) {
            Thread.currentThread().interrupt();
            try {
                appendN(outbox, 0, 3);
                outbox.markDelivered(0);
                assertEquals(2, outbox.pending(10).size());
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is left for the caller");
            }
            appendN(outbox, 3, 5);
            assertEquals(4, outbox.pendingCount());
        }
        try (Outbox outbox = Outbox.open(dir)) {
            assertEquals(4, outbox.pendingCount());
        }
    }

    @Test
    void quarantine_keepsValueAndReason() throws IOException {
        try (Outbox outbox = Outbox.open(dir)) {
            appendN(outbox, 0, 1);
            Path note = outbox.quarantine(outbox.pending(1).get(0), "too large");
            assertTrue(Files.readString(note).contains("too large"));
            assertArrayEquals(value(0), Files.readAllBytes(note.resolveSibling(String.format("%020d.value", 0))));
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> segments = segments();
        assertEquals(1, segments.size());
        return segments.get(0);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".segment")).toList();
        }
    }
}
