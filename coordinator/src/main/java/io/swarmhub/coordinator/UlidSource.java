package io.swarmhub.coordinator;

import java.time.Clock;
import java.util.Random;

/**
 * Makes ULIDs (26 Crockford base-32 characters: 48 bits of milliseconds, 80 random bits) from
 * an injected clock and random source, and short random suffixes for readable ids.
 */
public final class UlidSource {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final Random random;

    public UlidSource(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new ULID, upper case. */
    public synchronized String next() {
        char[] out = new char[26];
        long time = clock.millis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[random.nextInt(32)];
        }
        return new String(out);
    }

    /** {@code length} random base-32 characters, lower case, for suffixes like {@code charlm-7f3k9q2a}. */
    public synchronized String suffix(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = Character.toLowerCase(ALPHABET[random.nextInt(32)]);
        }
        return new String(out);
    }
}
