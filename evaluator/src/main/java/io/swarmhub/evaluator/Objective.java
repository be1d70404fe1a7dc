package io.swarmhub.evaluator;

import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark objectives a campaign can name with {@code run: { builtin: bench:NAME }}: standard test
 * functions of any dimension, all minimised. Pure math, no I/O.
 */
public enum Objective {
    /** Sum of squares; minimum 0 at the origin. */
    SPHERE {
        @Override
        double compute(double[] x) {
            double sum = 0;
            for (double v : x) {
                sum += v * v;
            }
            return sum;
        }
    },
    /** The banana valley; minimum 0 at (1, ..., 1). */
    ROSENBROCK {
        @Override
        double compute(double[] x) {
            double sum = 0;
            for (int i = 0; i + 1 < x.length; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1 - x[i];
                sum += 100 * a * a + b * b;
            }
            return sum;
        }
    },
    /** Sphere plus a cosine egg-crate; minimum 0 at the origin. */
    RASTRIGIN {
        @Override
        double compute(double[] x) {
            double sum = 10.0 * x.length;
            for (double v : x) {
                sum += v * v - 10 * Math.cos(2 * Math.PI * v);
            }
            return sum;
        }
    },
    /** A flat outer region around a deep hole; minimum 0 at the origin. */
    ACKLEY {
        @Override
        double compute(double[] x) {
            double squares = 0;
            double cosines = 0;
            for (double v : x) {
                squares += v * v;
                cosines += Math.cos(2 * Math.PI * v);
            }
            double d = x.length;
            return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
        }
    },
    /** A gentle bowl with many shallow local minima; minimum 0 at the origin. */
    GRIEWANK {
        @Override
        double compute(double[] x) {
            double sum = 0;
            double product = 1;
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * x[i] / 4000;
                product *= Math.cos(x[i] / Math.sqrt(i + 1));
            }
            return 1 + sum - product;
        }
    },
    /** Deceptive: the best minimum is far from the next best; minimum ~0 at (420.9687, ...). */
    SCHWEFEL {
        @Override
        double compute(double[] x) {
            double sum = 0;
            for (double v : x) {
                sum += v * Math.sin(Math.sqrt(Math.abs(v)));
            }
            return 418.9829 * x.length - sum;
        }
    };

    private static final String PREFIX = "bench:";

    abstract double compute(double[] x);

    /** The objective at point {@code x}; {@code x} must have at least one dimension. */
    public double value(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException(builtinName() + " needs at least one dimension");
        }
        return compute(x);
    }

    /** The name a campaign uses for this objective, e.g. {@code bench:rastrigin}. */
    public String builtinName() {
        return PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** The objective a campaign names with {@code bench:NAME}, if any. */
    public static Optional<Objective> fromBuiltin(String builtin) {
        for (Objective o : values()) {
            if (o.builtinName().equals(builtin)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
