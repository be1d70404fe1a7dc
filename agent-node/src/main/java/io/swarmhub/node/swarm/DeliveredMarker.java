package io.swarmhub.node.swarm;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The outbox's "delivered up to" file: one position and its CRC, replaced atomically (write a
 * temporary file, then rename over the old one), so a reader sees the old value or the new one,
 * never a mix. An unreadable marker reads as absent, which only causes redelivery.
 */
final class DeliveredMarker {
    private static final int SIZE = 12;
    private final Path file;
    private final Path temp;

    DeliveredMarker(Path file) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** The recorded first undelivered position, or empty if none was recorded or it is unreadable. */
    OptionalLong read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (bytes.length != SIZE) {
            return OptionalLong.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long position = buf.getLong();
        return buf.getInt() == crc(position) ? OptionalLong.of(position) : OptionalLong.empty();
    }

    /** Replaces the marker with {@code position}; {@code sync} forces it to disk first. */
    void write(long position, boolean sync) throws IOException {
        byte[] bytes = ByteBuffer.allocate(SIZE).putLong(position).putInt(crc(position)).array();
        try (FileOutputStream out = new FileOutputStream(temp.toFile())) { // a stream, so interrupts cannot close it
            out.write(bytes);
            if (sync) {
                out.getFD().sync();
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int crc(long position) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(position).flip());
        return (int) crc.getValue();
    }
}
