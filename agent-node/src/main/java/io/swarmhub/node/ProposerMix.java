package io.swarmhub.node;

import java.util.List;
import java.util.Random;

/** The campaign's proposers with their weights; picks one per experiment. */
public final class ProposerMix {
    private final List<Proposer> proposers;
    private final double[] cumulative;

    public ProposerMix(List<Proposer> proposers, List<Double> weights) {
        if (proposers.isEmpty() || proposers.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight per proposer, and at least one proposer");
        }
        this.proposers = List.copyOf(proposers);
        this.cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            if (!(weights.get(i) > 0)) {
                throw new IllegalArgumentException("proposer weights must be > 0");
            }
            sum += weights.get(i);
            cumulative[i] = sum;
        }
    }

    /** One proposer, chosen with probability proportional to its weight. */
    public Proposer pick(Random random) {
        if (proposers.size() == 1) {
            return proposers.get(0);
        }
        double r = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return proposers.get(i);
            }
        }
        return proposers.get(proposers.size() - 1);
    }

    public List<Proposer> proposers() {
        return proposers;
    }
}
