package io.swarmhub.coordinator.projection;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link BundleStore} for tests. */
public final class MemoryBundleStore implements BundleStore {
    private final Map<String, byte[]> bundles = new ConcurrentHashMap<>();

    @Override
    public void put(String campaignId, byte[] bundle) {
        bundles.put(campaignId, bundle.clone());
    }

    @Override
    public Optional<byte[]> get(String campaignId) throws IOException {
        byte[] b = bundles.get(campaignId);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }
}
