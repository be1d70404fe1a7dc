package io.swarmhub.evaluator.charlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed metric. {@link #evaluate} cuts the validation slice into consecutive windows of the model's
 * context length (the last one shorter), so every byte after the first is predicted exactly once from the
 * bytes before it in its window, and returns the mean negative log2-likelihood: bits per byte.
 */
final class BitsPerByte {
    /** Bytes per evaluation batch (rows of the context length). */
    static final int BATCH_BYTES = 8192;
    private static final double LN2 = Math.log(2);

    private BitsPerByte() {
    }

    /** val_bpb of {@code model} on {@code slice} (its first byte is context only). */
    static double evaluate(TrainableModel model, byte[] slice, NDManager manager) {
        int t = contextLength(model);
        int predicted = slice.length - 1;
        int rows = Math.max(1, BATCH_BYTES / t);
        double nats = 0;
        int start = 0;
        while (start < predicted) {
            int length = Math.min(t, predicted - start);
            int n = length < t ? 1 : Math.min(rows, (predicted - start) / t);
            nats += nats(model, slice, start, n, length, manager);
            start += n * length;
        }
        double bpb = nats / predicted / LN2;
        if (!Double.isFinite(bpb)) {
            throw new CharLmException("evaluation produced " + bpb + ": the model's logits are not finite");
        }
        return bpb;
    }

    /** Seconds {@link #evaluate} will take, from one timed full batch on {@code sample} (training bytes). */
    static double estimateSeconds(TrainableModel model, byte[] sample, NDManager manager) {
        int t = contextLength(model);
        int rows = Math.max(1, Math.min(BATCH_BYTES / t, (sample.length - 1) / t));
        nats(model, sample, 0, 1, Math.min(t, sample.length - 1), manager); // warm-up
        long start = System.nanoTime();
        nats(model, sample, 0, rows, t, manager);
        double perByte = (System.nanoTime() - start) / 1e9 / (rows * (double) t);
        return perByte * Corpus.VALIDATION_BYTES * 1.2;
    }

    /**
     * Fails unless the logits of the first half of a window are unchanged when the bytes of its second half
     * change: a model that peeks at the bytes it should predict would score well without learning anything.
     */
    static void checkCausal(TrainableModel model, byte[] sample, NDManager manager) {
        int t = Math.min(contextLength(model), sample.length);
        if (t < 2) {
            return;
        }
        long[] original = new long[t];
        long[] changed = new long[t];
        for (int i = 0; i < t; i++) {
            original[i] = sample[i] & 0xff;
            changed[i] = i < t / 2 ? original[i] : (original[i] + 1 + (i * 37) % 255) & 0xff;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Shape shape = new Shape(1, t);
            NDArray a = logits(model, manager.create(original, shape), 1, t);
            NDArray b = logits(model, manager.create(changed, shape), 1, t);
            NDArray firstHalf = a.get(":, :" + t / 2).sub(b.get(":, :" + t / 2)).abs();
            float diff = firstHalf.max().getFloat();
            float scale = 1 + a.abs().max().getFloat();
            if (!(diff <= 1e-4f * scale)) {
                throw new CharLmException("the model is not causal: its logits for the first " + t / 2
                        + " bytes of a window change when later bytes change (by " + diff
                        + "); is the attention mask missing, or is dropout active in logits()?");
            }
        }
    }

    /** Empirical entropy of the predicted bytes of the slice, bits per byte: the best any unigram model does. */
    static double unigram(byte[] slice) {
        long[] counts = new long[256];
        for (int i = 1; i < slice.length; i++) {
            counts[slice[i] & 0xff]++;
        }
        double n = slice.length - 1;
        double bits = 0;
        for (long c : counts) {
            if (c > 0) {
                bits -= c / n * Math.log(c / n) / LN2;
            }
        }
        return bits;
    }

    /** Summed -ln p over {@code rows} windows of {@code length} starting at {@code start}. */
    private static double nats(TrainableModel model, byte[] bytes, int start, int rows, int length,
                               NDManager manager) {
        long[] in = new long[rows * length];
        long[] out = new long[rows * length];
        for (int i = 0; i < rows * length; i++) {
            in[i] = bytes[start + i] & 0xff;
            out[i] = bytes[start + i + 1] & 0xff;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = manager.create(in, new Shape(rows, length));
            NDArray y = manager.create(out, new Shape(rows, length, 1));
            NDArray logits = logits(model, x, rows, length).toType(DataType.FLOAT32, false);
            return -logits.logSoftmax(-1).gather(y, 2).sum().toType(DataType.FLOAT64, false).getDouble();
        }
    }

    private static NDArray logits(TrainableModel model, NDArray tokens, int rows, int length) {
        NDArray logits;
        try {
            logits = model.logits(tokens);
        } catch (RuntimeException e) {
            throw new CharLmException("Train.logits failed on input " + tokens.getShape() + ": " + e, e);
        }
        Shape want = new Shape(rows, length, 256);
        if (logits == null || !logits.getShape().equals(want)) {
            throw new CharLmException("logits() returned shape " + (logits == null ? "null" : logits.getShape())
                    + " for input " + tokens.getShape() + "; expected " + want);
        }
        return logits;
    }

    private static int contextLength(TrainableModel model) {
        int t = model.contextLength();
        if (t < 1 || t > Corpus.VALIDATION_BYTES) {
            throw new CharLmException("contextLength() is " + t + "; expected 1.." + Corpus.VALIDATION_BYTES);
        }
        return t;
    }
}
