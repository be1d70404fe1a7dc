package io.swarmhub.coordinator.tree;

import java.util.List;

/** Where an experiment ran, or what a node offers: CPU, memory, GPUs and the slot's device. */
public record Hardware(String cpuModel, int cores, long memoryBytes, List<String> gpus, String device) {
    /** Hardware nobody described. */
    public static final Hardware UNKNOWN = new Hardware("", 0, 0, List.of(), "");

    public Hardware {
        cpuModel = cpuModel == null ? "" : cpuModel;
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        device = device == null ? "" : device;
    }
}
