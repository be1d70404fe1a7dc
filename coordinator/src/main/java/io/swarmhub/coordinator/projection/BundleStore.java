package io.swarmhub.coordinator.projection;

import java.io.IOException;
import java.util.Optional;

/** Campaign base repositories as git bundles, by campaign id. */
public interface BundleStore {
    /** Stores (or replaces) the campaign's base bundle. */
    void put(String campaignId, byte[] bundle) throws IOException;

    /** The campaign's base bundle, if stored. */
    Optional<byte[]> get(String campaignId) throws IOException;
}
