package io.swarmhub.evaluator.charlm;

import ai.djl.ndarray.NDArray;

/**
 * What the editable {@code Train.java} of a charlm workspace implements: a byte-level language model and its
 * training step. The harness ({@link CharLmMain}) owns the loop and the clock: it calls {@link #trainStep}
 * until the training time is spent, then scores {@link #logits} on the held-out slice with fixed code.
 *
 * <p>The implementing class must be public, named {@code Train}, in the default package, with a public
 * constructor {@code Train(Hyperparameters hp, NDManager manager)}; arrays it keeps must belong to
 * {@code manager}, whose device ({@code manager.getDevice()}) is the slot's.
 */
public interface TrainableModel {
    /**
     * One optimisation step: draw batches from {@code data} (any size and length), update the parameters,
     * and return the mean training loss in nats per byte. Temporaries should be closed (an
     * {@link ai.djl.ndarray.NDScope} does it).
     *
     * @param progress fraction of the training time spent so far, in [0, 1): drives warm-up and decay
     */
    float trainStep(TrainingData data, double progress);

    /**
     * Next-byte logits for evaluation: {@code tokens} is an int64 array {@code [b, t]} with
     * {@code 1 <= t <= contextLength()}; the result is {@code [b, t, 256]}, where position {@code i} may
     * depend only on tokens {@code 0..i} (the harness checks). No dropout, no parameter updates.
     */
    NDArray logits(NDArray tokens);

    /** The longest input {@link #logits} accepts; evaluation uses windows of this length. */
    int contextLength();

    /** Number of trained parameters, for the summary. */
    long parameterCount();
}
