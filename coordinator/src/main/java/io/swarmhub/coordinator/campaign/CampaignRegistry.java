package io.swarmhub.coordinator.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Campaign id to definition and state, in the order campaigns were first seen. It is a
 * projection of the campaigns topic: the latest event for an id wins.
 *
 * @param <D> the type of the full campaign definition
 */
public final class CampaignRegistry<D> {
    private final LinkedHashMap<String, CampaignEntry<D>> byId = new LinkedHashMap<>();

    /** Records the campaign's latest definition and state. */
    public synchronized void apply(CampaignEntry<D> entry) {
        byId.put(entry.id(), entry);
    }

    /** The campaign with this id, if known. */
    public synchronized Optional<CampaignEntry<D>> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every known campaign, first seen first. */
    public synchronized List<CampaignEntry<D>> list() {
        return new ArrayList<>(byId.values());
    }

    /** The active campaigns, first seen first. */
    public synchronized List<CampaignEntry<D>> active() {
        return byId.values().stream().filter(CampaignEntry::active).toList();
    }

    /** Whether a campaign with this id is known. */
    public synchronized boolean contains(String id) {
        return byId.containsKey(id);
    }
}
