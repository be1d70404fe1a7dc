package io.swarmhub.coordinator.tree;

/** A registration that ends when closed; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
