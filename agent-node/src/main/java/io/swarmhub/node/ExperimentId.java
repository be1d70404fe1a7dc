package io.swarmhub.node;

import java.time.Clock;
import java.util.Random;

/**
 * Makes experiment ids: ULIDs (26 Crockford base-32 characters, time-ordered, unique without
 * coordination). Ids made by one generator sort in the order they were made, even within a
 * millisecond.
 */
public final class ExperimentId {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private long randHi;   // 16 bits
    private long randLo;   // 64 bits

    public ExperimentId(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** The next id. */
    public synchronized String next() {
        long now = clock.millis();
        if (now <= lastMillis) {
            now = lastMillis;
            randLo++;
            if (randLo == 0) {
                randHi = (randHi + 1) & 0xFFFF;
            }
        } else {
            lastMillis = now;
            randHi = random.nextInt(1 << 16);
            randLo = random.nextLong() & 0x7FFF_FFFF_FFFF_FFFFL; // room to count up within a millisecond
        }
        char[] out = new char[26];
        long time = now;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits: 16 high + 64 low, written as 16 characters of 5 bits.
        long lo = randLo;
        long hi = randHi;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    /** Whether the text has the shape of an id this class makes. */
    public static boolean isValid(String id) {
        return id != null && id.matches("[0-9A-HJKMNP-TV-Z]{26}");
    }
}
