package io.swarmhub.evaluator.charlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The training split, as the editable code sees it: random windows of training bytes, nothing else. It holds
 * no validation bytes (they are not even loaded until training has returned), so no accessor or reflection
 * on this object can reach them.
 */
public final class TrainingData {
    /** Largest batch, in bytes, one call may ask for. */
    public static final int MAX_BATCH_BYTES = 1 << 24;

    /**
     * One batch: {@code inputs} and {@code targets} are int64 {@code [batch, length]}; {@code targets} is
     * {@code inputs} shifted one byte ahead.
     */
    public record Batch(NDArray inputs, NDArray targets) {
    }

    private final byte[] bytes;
    private final Random random;
    private long served;

    TrainingData(byte[] bytes, long seed) {
        this.bytes = bytes;
        this.random = new Random(seed);
    }

    /** Total training bytes (the split, not what was drawn). */
    public int size() {
        return bytes.length;
    }

    /**
     * {@code batchSize} windows of {@code length + 1} consecutive training bytes at uniformly random offsets
     * (seeded by {@code seed} in train.properties), as arrays of {@code manager} on its device.
     */
    public Batch next(NDManager manager, int batchSize, int length) {
        if (batchSize < 1 || length < 1 || length >= bytes.length
                || (long) batchSize * length > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batch " + batchSize + " x " + length
                    + " is outside 1.." + MAX_BATCH_BYTES + " bytes with length < " + bytes.length);
        }
        long[] in = new long[batchSize * length];
        long[] out = new long[batchSize * length];
        for (int b = 0; b < batchSize; b++) {
            int offset = random.nextInt(bytes.length - length);
            for (int t = 0; t < length; t++) {
                in[b * length + t] = bytes[offset + t] & 0xff;
                out[b * length + t] = bytes[offset + t + 1] & 0xff;
            }
        }
        served += (long) batchSize * length;
        Shape shape = new Shape(batchSize, length);
        return new Batch(manager.create(in, shape), manager.create(out, shape));
    }

    /** Bytes predicted in all batches drawn so far. */
    long served() {
        return served;
    }
}
