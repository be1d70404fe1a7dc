package io.swarmhub.coordinator.campaign;

import io.swarmhub.coordinator.tree.Direction;
import java.util.Objects;

/**
 * A campaign as the registry knows it. {@code definition} is the full campaign as the edges
 * carry it (the protobuf message in production); the core never looks inside it.
 *
 * @param <D> the type of the full definition
 */
public record CampaignEntry<D>(
        String id, String name, Direction direction, CampaignState state, long updatedAtMs,
        String baseCommit, D definition) {

    public CampaignEntry {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("campaign id must not be blank");
        }
        name = name == null ? "" : name;
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(state, "state");
        baseCommit = baseCommit == null ? "" : baseCommit;
        Objects.requireNonNull(definition, "definition");
    }

    /** Whether nodes should work on it. */
    public boolean active() {
        return state == CampaignState.ACTIVE;
    }

    /** This campaign in another state, changed at {@code atMs}. */
    public CampaignEntry<D> withState(CampaignState newState, long atMs) {
        return new CampaignEntry<>(id, name, direction, newState, atMs, baseCommit, definition);
    }
}
