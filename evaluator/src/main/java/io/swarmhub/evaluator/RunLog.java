package io.swarmhub.evaluator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-experiment log file. Steps append to it directly (no Java pipes); the evaluator appends its own
 * {@code [swarmhub]} lines, streams it back for metrics, and keeps its tail. Logs can be large, so reads
 * stream and never hold more than one line (lines over 64 KB are skipped) or the 4 KB tail.
 */
final class RunLog {
    static final int TAIL_BYTES = 4096;
    static final int TAIL_LINES = 40;
    private static final int MAX_LINE = 64 * 1024;

    private final Path file;

    RunLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Creates the file (and its directory) if needed; returns its size, where this evaluation starts. */
    long open() {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            // first evaluation with this log: create it below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log file " + file, e);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            Files.write(file, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log file " + file, e);
        }
    }

    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    void append(String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log file " + file, e);
        }
    }

    /** The metrics reported between byte offsets {@code from} and {@code to}, later lines overriding. */
    Map<String, Double> metrics(long from, long to) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            boolean overlong = false;
            long pos = from;
            while (pos < to) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), to - pos));
                int n = ch.read(chunk, pos);
                if (n <= 0) {
                    break;
                }
                pos += n;
                byte[] bytes = chunk.array();
                int lineStart = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] != '\n') {
                        continue;
                    }
                    overlong = collect(line, bytes, lineStart, i, overlong);
                    if (!overlong) {
                        MetricLines.parse(decode(line), metrics);
                    }
                    line.reset();
                    overlong = false;
                    lineStart = i + 1;
                }
                overlong = collect(line, bytes, lineStart, n, overlong);
            }
            if (!overlong && line.size() > 0) {
                MetricLines.parse(decode(line), metrics);
            }
        } catch (NoSuchFileException e) {
            return metrics;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log file " + file, e);
        }
        return metrics;
    }

    /** The last {@value #TAIL_LINES} lines / {@value #TAIL_BYTES} bytes written since offset {@code from}. */
    String tail(long from) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            long start = Math.max(from, end - TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) (end - start));
            while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                // keep reading until the buffer is full or the file ends
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (start > from) {
                int nl = text.indexOf('\n');
                if (nl >= 0 && nl + 1 < text.length()) {
                    text = text.substring(nl + 1); // drop the partial first line
                }
            }
            return lastLines(text, TAIL_LINES);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int n) {
        int pos = text.endsWith("\n") ? text.length() - 1 : text.length();
        for (int i = 0; i < n && pos > 0; i++) {
            pos = text.lastIndexOf('\n', pos - 1);
            if (pos < 0) {
                return text;
            }
        }
        return pos <= 0 ? text : text.substring(pos + 1);
    }

    /** Adds bytes [from, to) to the current line unless it grew past the limit; true once it has. */
    private static boolean collect(ByteArrayOutputStream line, byte[] bytes, int from, int to, boolean overlong) {
        if (overlong || line.size() + (to - from) > MAX_LINE) {
            return true;
        }
        line.write(bytes, from, to - from);
        return false;
    }

    private static String decode(ByteArrayOutputStream line) {
        int n = line.size();
        byte[] bytes = line.toByteArray();
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
