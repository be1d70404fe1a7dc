package io.swarmhub.node;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * What a proposer may look at: the parent experiment, the parent's files (read-only), the
 * recent history of the lineage, and a seeded random source.
 */
public record ProposalContext(Experiment parent, Function<String, String> readFile, List<Experiment> recent, Random random) {
    public ProposalContext {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
