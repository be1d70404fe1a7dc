package io.swarmhub.node;

/** Hears about each recorded experiment (progress lines, metrics, gossip). */
@FunctionalInterface
public interface RatchetListener {
    void onExperiment(Experiment experiment, Progress progress);

    /** Hears about adoptions of peers' findings. */
    @FunctionalInterface
    interface Adoptions {
        void adopted(Finding finding);
    }

    /** A listener that does nothing. */
    RatchetListener NONE = (e, p) -> { };
}
