package io.swarmhub.coordinator.tree;

import java.util.List;

/**
 * One page of a campaign's experiments in arrival order: {@code items} are the experiments at
 * positions [{@code cursor}, {@code nextCursor}); {@code total} is how many the tree holds now.
 */
public record Page(List<Experiment> items, long nextCursor, long total) {
    public Page {
        items = List.copyOf(items);
    }

    /** Whether the reader has seen everything the tree held when the page was taken. */
    public boolean atEnd() {
        return nextCursor >= total;
    }
}
