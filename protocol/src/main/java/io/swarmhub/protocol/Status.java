package io.swarmhub.protocol;

/** The recorded outcome of one experiment, as DESIGN.md names them. */
public enum Status {
    /** Beat its parent by more than the keep threshold: committed, and a finding. */
    KEEP,
    /** Ran and was judged, but did not beat its parent: reset, patch kept in the record. */
    DISCARD,
    /** The run or score step failed, or reported no usable goal metric. */
    CRASH,
    /** The run step outlived its budget; its whole process tree was killed. */
    TIMEOUT,
    /** The patch or the run broke a rule of the guard (paths, size, binary, protected files). */
    INVALID,
    /** The experiment started but its result never arrived (process killed, node gone, interrupted). */
    LOST
}
