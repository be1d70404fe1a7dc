package io.swarmhub.evaluator;

/** How one evaluation ended, before the keep rule turns {@code OK} into KEEP or DISCARD. */
public enum Outcome {
    /** Every step exited 0 and reported a finite goal metric. */
    OK,
    /** A step exited non-zero, could not start, or reported no usable goal metric. */
    CRASH,
    /** A step outlived its budget; its whole process tree was killed. */
    TIMEOUT,
    /** The run broke a rule of the guard (a protected file changed). */
    INVALID,
    /** {@link Evaluator#abort()} stopped the evaluation. */
    ABORTED
}
