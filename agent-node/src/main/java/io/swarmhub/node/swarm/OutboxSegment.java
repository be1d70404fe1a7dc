package io.swarmhub.node.swarm;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only file of the {@link Outbox}, named after the position of its first record.
 *
 * <p>Record layout: {@code int length, int crc32c(payload), payload}; the payload is
 * {@code byte format, long position, topic, event id, key, value}, strings as {@code short}
 * length + UTF-8, key as {@code int} length ({@code -1} for none) + bytes, value as {@code int}
 * length + bytes. Opening scans the file and truncates it at the first record that is short,
 * fails its CRC or is out of sequence: that is the record a kill tore, and it was never
 * acknowledged to the caller.
 *
 * <p>I/O goes through {@link RandomAccessFile}, not a {@code FileChannel}: an interrupted thread
 * would close a channel for every user of the outbox, while a plain file ignores interrupts.
 */
final class OutboxSegment implements AutoCloseable {
    static final String SUFFIX = ".segment";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSegment.class);
    private static final byte FORMAT = 1;
    private static final int HEADER = 8;
    /** Larger than any event we write (the topics allow 64 MiB); a bigger length is corruption. */
    private static final int MAX_PAYLOAD = 128 * 1024 * 1024;

    private final Path path;
    private final long base;
    private final RandomAccessFile file;
    private long[] offsets = new long[64];
    private int count;
    private long size;

    private OutboxSegment(Path path, long base, RandomAccessFile file) {
        this.path = path;
        this.base = base;
        this.file = file;
    }

    /** Opens (creating if absent) the segment whose first record has position {@code base}. */
    static OutboxSegment open(Path dir, long base) throws IOException {
        Path path = dir.resolve(String.format("%020d%s", base, SUFFIX));
        OutboxSegment segment = new OutboxSegment(path, base, new RandomAccessFile(path.toFile(), "rw"));
        segment.recover();
        return segment;
    }

    /** The base position encoded in a segment file name, or -1 if it is not a segment file. */
    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    long base() {
        return base;
    }

    /** The position the next record appended here gets. */
    long end() {
        return base + count;
    }

    int count() {
        return count;
    }

    long sizeBytes() {
        return size;
    }

    Path path() {
        return path;
    }

    /** Appends one record; it is durable against a process kill when this returns. */
    void append(Outbox.Entry entry, boolean sync) throws IOException {
        if (entry.position() != end()) {
            throw new IllegalStateException("position " + entry.position() + " != segment end " + end());
        }
        ByteBuffer record = encode(entry);
        long at = size;
        try {
            file.seek(at);
            file.write(record.array(), 0, record.limit());
            if (sync) {
                file.getFD().sync();
            }
        } catch (IOException e) {
            file.setLength(at); // leave no half record behind a failed write (disk full)
            throw e;
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = at;
        size = at + record.limit();
    }

    /** Reads the record at a position this segment holds. */
    Outbox.Entry read(long position) throws IOException {
        int index = Math.toIntExact(position - base);
        long at = offsets[index];
        ByteBuffer header = readFully(at, HEADER);
        ByteBuffer payload = readFully(at + HEADER, header.getInt(0));
        return decode(payload);
    }

    private void recover() throws IOException {
        long fileSize = file.length();
        long at = 0;
        while (true) {
            Outbox.Entry entry = tryRead(at, fileSize);
            if (entry == null) {
                break;
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = at;
            at += HEADER + encodedPayloadLength(at);
        }
        if (at < fileSize) {
            LOG.warn("outbox segment {}: dropping a torn or corrupt tail of {} bytes at offset {} (a record a kill "
                    + "interrupted; it was never acknowledged)", path, fileSize - at, at);
            file.setLength(at);
            file.getFD().sync();
        }
        size = at;
    }

    private int encodedPayloadLength(long at) throws IOException {
        return readFully(at, HEADER).getInt(0);
    }

    /** The record at {@code at}, or null if it is torn, corrupt or out of sequence. */
    private Outbox.Entry tryRead(long at, long fileSize) throws IOException {
        if (fileSize - at < HEADER) {
            return null;
        }
        ByteBuffer header = readFully(at, HEADER);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length < 1 + 8 || length > MAX_PAYLOAD || length > fileSize - at - HEADER) {
            return null;
        }
        ByteBuffer payload = readFully(at + HEADER, length);
        CRC32C check = new CRC32C();
        check.update(payload.duplicate());
        if ((int) check.getValue() != crc) {
            return null;
        }
        try {
            Outbox.Entry entry = decode(payload);
            return entry.position() == base + count ? entry : null;
        } catch (RuntimeException e) {
            return null; // a CRC collision on garbage; treat as corrupt
        }
    }

    private ByteBuffer readFully(long at, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.seek(at);
        try {
            file.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(path + ": unexpected end of file reading " + length + " bytes at " + at, e);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer encode(Outbox.Entry e) {
        byte[] topic = e.topic().getBytes(StandardCharsets.UTF_8);
        byte[] id = e.eventId().getBytes(StandardCharsets.UTF_8);
        byte[] key = e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
        int payload = 1 + 8 + 2 + topic.length + 2 + id.length + 4 + (key == null ? 0 : key.length) + 4 + e.value().length;
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload);
        buf.position(HEADER);
        buf.put(FORMAT).putLong(e.position());
        buf.putShort((short) topic.length).put(topic);
        buf.putShort((short) id.length).put(id);
        buf.putInt(key == null ? -1 : key.length);
        if (key != null) {
            buf.put(key);
        }
        buf.putInt(e.value().length).put(e.value());
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), HEADER, payload);
        buf.putInt(0, payload).putInt(4, (int) crc.getValue());
        return buf.flip();
    }

    private static Outbox.Entry decode(ByteBuffer buf) {
        if (buf.get() != FORMAT) {
            throw new IllegalStateException("unknown outbox record format");
        }
        long position = buf.getLong();
        String topic = string(buf, Short.toUnsignedInt(buf.getShort()));
        String id = string(buf, Short.toUnsignedInt(buf.getShort()));
        int keyLength = buf.getInt();
        String key = keyLength < 0 ? null : string(buf, keyLength);
        byte[] value = new byte[buf.getInt()];
        buf.get(value);
        return new Outbox.Entry(position, topic, key, value, id);
    }

    private static String string(ByteBuffer buf, int length) {
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Closes and deletes the file. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
