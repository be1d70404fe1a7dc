package io.swarmhub.node;

import java.util.List;
import java.util.Random;

/**
 * The campaign's proposers with their weights; picks one per experiment. With the bandit on, the
 * weights adapt to each proposer's keep rate on this node by Thompson sampling: each pick draws a
 * plausible keep rate from Beta(1 + keeps, 1 + other outcomes) per proposer and chooses in
 * proportion to weight x draw, so a proposer that keeps more gets more turns, and none starves.
 */
public final class ProposerMix {
    private final List<Proposer> proposers;
    private final double[] weights;
    private final boolean bandit;
    private final long[] keeps;
    private final long[] tries;

    public ProposerMix(List<Proposer> proposers, List<Double> weights) {
        this(proposers, weights, false);
    }

    public ProposerMix(List<Proposer> proposers, List<Double> weights, boolean bandit) {
        if (proposers.isEmpty() || proposers.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight per proposer, and at least one proposer");
        }
        this.proposers = List.copyOf(proposers);
        this.weights = new double[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            if (!(weights.get(i) > 0) || Double.isInfinite(weights.get(i))) {
                throw new IllegalArgumentException("proposer weights must be > 0");
            }
            this.weights[i] = weights.get(i);
        }
        this.bandit = bandit;
        this.keeps = new long[proposers.size()];
        this.tries = new long[proposers.size()];
    }

    /** One proposer, chosen with probability proportional to its (adapted) weight. */
    public synchronized Proposer pick(Random random) {
        if (proposers.size() == 1) {
            return proposers.get(0);
        }
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += bandit ? weights[i] * Beta.sample(1 + keeps[i], 1 + tries[i] - keeps[i], random) : weights[i];
            cumulative[i] = sum;
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < cumulative.length; i++) {
            if (r < cumulative[i]) {
                return proposers.get(i);
            }
        }
        return proposers.get(proposers.size() - 1);
    }

    /** Tells the mix how an experiment of the named proposer ended; unknown names (the baseline) are ignored. */
    public synchronized void record(String proposer, boolean kept) {
        for (int i = 0; i < proposers.size(); i++) {
            if (proposers.get(i).name().equals(proposer)) {
                tries[i]++;
                keeps[i] += kept ? 1 : 0;
                return;
            }
        }
    }

    /** Whether the weights adapt to keep rates. */
    public boolean bandit() {
        return bandit;
    }

    public List<Proposer> proposers() {
        return proposers;
    }

    /** Beta draws from two gamma draws (Marsaglia and Tsang), for shapes >= 1. */
    static final class Beta {
        private Beta() {
        }

        static double sample(double a, double b, Random random) {
            double x = gamma(a, random);
            double y = gamma(b, random);
            return x / (x + y);
        }

        private static double gamma(double shape, Random random) {
            double d = shape - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double z = random.nextGaussian();
                double v = 1 + c * z;
                if (v <= 0) {
                    continue;
                }
                v = v * v * v;
                double u = random.nextDouble();
                if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }
    }
}
