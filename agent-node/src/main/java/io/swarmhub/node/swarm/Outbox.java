package io.swarmhub.node.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A durable local queue of events on their way to Kafka, in a directory of its own.
 *
 * <p>{@link #append} writes a length-prefixed, CRC-checked record to the active segment file and
 * returns its position (0, 1, 2, ... for the life of the directory). A separate small marker file
 * ({@code delivered}) holds the first position not yet acknowledged by Kafka; {@link
 * #markDelivered} advances it, replacing the file atomically, and deletes segments whose records
 * are all delivered. On open, a torn last record (the process was killed mid-write) is dropped;
 * it was never acknowledged to the caller.
 *
 * <p>Guarantees: a record whose {@code append} returned survives a kill of the process at any
 * point (the bytes are in the operating system's page cache). With {@link Options#sync()} each
 * append is also forced to the disk, which makes it survive a power loss, at the cost of an
 * fsync per event. A lost or stale marker only causes redelivery, never loss: events carry ids,
 * so consumers treat a redelivered event as the same event. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final String MARKER = "delivered";

    /** One recorded event: its position in the outbox and what goes to Kafka. */
    public record Entry(long position, String topic, String key, byte[] value, String eventId) {
        public Entry {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * How the outbox writes: {@code segmentBytes} is the size at which a new segment file starts
     * (delivered segments are deleted whole); {@code sync} forces every append to the disk.
     */
    public record Options(long segmentBytes, boolean sync) {
        /** 16 MiB segments, no fsync per append. */
        public static final Options DEFAULTS = new Options(16L * 1024 * 1024, false);

        public Options {
            if (segmentBytes < 1) {
                throw new IllegalArgumentException("segmentBytes must be >= 1, was " + segmentBytes);
            }
        }
    }

    private final Path dir;
    private final Options options;
    private final DeliveredMarker marker;
    private final TreeMap<Long, OutboxSegment> segments = new TreeMap<>();
    private long delivered;
    private boolean closed;

    private Outbox(Path dir, Options options) throws IOException {
        this.dir = dir;
        this.options = options;
        Files.createDirectories(dir);
        this.marker = new DeliveredMarker(dir.resolve(MARKER));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long base = OutboxSegment.baseOf(file);
                if (base >= 0) {
                    segments.put(base, OutboxSegment.open(dir, base));
                }
            }
        }
        long end = segments.isEmpty() ? 0 : segments.lastEntry().getValue().end();
        // A missing or unreadable marker means "nothing delivered": redeliver what is left.
        long firstKept = segments.isEmpty() ? 0 : segments.firstKey();
        this.delivered = Math.max(marker.read().orElse(firstKept), 0);
        if (segments.isEmpty() || delivered > end) {
            // Never hand out a position at or below the marker again, or new events would count as delivered.
            long base = Math.max(end, delivered);
            segments.put(base, OutboxSegment.open(dir, base));
        }
        compact();
    }

    /** Opens (or creates) an outbox in {@code dir} with {@link Options#DEFAULTS}. */
    public static Outbox open(Path dir) {
        return open(dir, Options.DEFAULTS);
    }

    /** Opens (or creates) an outbox in {@code dir}. */
    public static Outbox open(Path dir, Options options) {
        try {
            return new Outbox(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory the outbox lives in. */
    public Path directory() {
        return dir;
    }

    /**
     * Durably records an event for {@code topic} and returns its position. {@code key} may be
     * null; {@code eventId} identifies the event to consumers (redeliveries carry the same id).
     */
    public synchronized long append(String topic, String key, byte[] value, String eventId) {
        checkOpen();
        checkLength("topic", topic);
        checkLength("eventId", eventId);
        OutboxSegment active = segments.lastEntry().getValue();
        try {
            if (active.count() > 0 && active.sizeBytes() >= options.segmentBytes()) {
                active = OutboxSegment.open(dir, active.end());
                segments.put(active.base(), active);
            }
            Entry entry = new Entry(active.end(), topic, key, value, eventId);
            active.append(entry, options.sync());
            return entry.position();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the outbox in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Up to {@code max} undelivered events, oldest first. */
    public synchronized List<Entry> pending(int max) {
        return read(delivered, max);
    }

    /** Up to {@code max} events from {@code from} on (positions below the marker included, if still kept). */
    public synchronized List<Entry> read(long from, int max) {
        checkOpen();
        List<Entry> out = new ArrayList<>(Math.min(max, 1024));
        Map.Entry<Long, OutboxSegment> floor = segments.floorEntry(from);
        Iterator<OutboxSegment> it = segments.tailMap(floor == null ? from : floor.getKey(), true).values().iterator();
        try {
            while (it.hasNext() && out.size() < max) {
                OutboxSegment segment = it.next();
                for (long p = Math.max(from, segment.base()); p < segment.end() && out.size() < max; p++) {
                    out.add(segment.read(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** How many events are not yet delivered. */
    public synchronized long pendingCount() {
        long n = 0;
        for (OutboxSegment s : segments.values()) {
            n += Math.max(0, s.end() - Math.max(s.base(), delivered));
        }
        return n;
    }

    /** The first position not yet delivered; every event below it has been acknowledged. */
    public synchronized long deliveredUpTo() {
        return delivered;
    }

    /** The position the next appended event will get. */
    public synchronized long endPosition() {
        return segments.lastEntry().getValue().end();
    }

    /**
     * Records that every event up to and including {@code position} was acknowledged, then
     * deletes segments that hold only delivered events. Going backwards is ignored.
     */
    public synchronized void markDelivered(long position) {
        checkOpen();
        if (position >= endPosition()) {
            throw new IllegalArgumentException("position " + position + " was never appended (end " + endPosition() + ")");
        }
        if (position < delivered) {
            return;
        }
        try {
            marker.write(position + 1, options.sync());
            delivered = position + 1;
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record delivery in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps a copy of an event Kafka will never accept (too large, say) under {@code rejected/},
     * value and a note with topic, key, id and reason, so that dropping it from the queue loses
     * nothing an operator cannot recover. The caller then marks it delivered.
     */
    public synchronized Path quarantine(Entry entry, String reason) {
        Path rejected = dir.resolve("rejected");
        String name = String.format("%020d", entry.position());
        try {
            Files.createDirectories(rejected);
            Files.write(rejected.resolve(name + ".value"), entry.value());
            String note = "topic: " + entry.topic() + "\nkey: " + entry.key() + "\nevent id: " + entry.eventId()
                    + "\nreason: " + reason + "\n";
            return Files.writeString(rejected.resolve(name + ".txt"), note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine event " + entry.eventId() + " in " + rejected, e);
        }
    }

    /** The number of segment files on disk (for tests and metrics). */
    public synchronized int segmentCount() {
        return segments.size();
    }

    private void compact() throws IOException {
        while (segments.size() > 1 && segments.firstEntry().getValue().end() <= delivered) {
            segments.pollFirstEntry().getValue().delete();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox in " + dir + " is closed");
        }
    }

    private static void checkLength(String what, String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
            throw new IllegalArgumentException(what + " is longer than 65535 bytes");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (OutboxSegment s : segments.values()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a read/write channel loses nothing: every append already reached the OS
            }
        }
    }
}
