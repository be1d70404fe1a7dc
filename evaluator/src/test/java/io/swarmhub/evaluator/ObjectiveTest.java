package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmark functions against their known minima, hand-computed values and their symmetries. */
class ObjectiveTest {
    private static final Random RANDOM = new Random(42);

    private static double[] fill(int d, double v) {
        double[] x = new double[d];
        Arrays.fill(x, v);
        return x;
    }

    private static double minimizer(Objective o) {
        return switch (o) {
            case ROSENBROCK -> 1;
            case SCHWEFEL -> 420.9687;
            default -> 0;
        };
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void value_isZeroAtKnownMinimum(Objective o) {
        for (int d : new int[] {1, 2, 5, 30}) {
            assertEquals(0, o.value(fill(d, minimizer(o))), 1e-3 * d, o + " in " + d + " dimensions");
        }
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void value_isNotBelowMinimumAnywhereInDomain(Objective o) {
        for (int trial = 0; trial < 2000; trial++) {
            double[] x = new double[1 + RANDOM.nextInt(8)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (RANDOM.nextDouble() * 2 - 1) * 500; // schwefel's domain; the widest of the six
            }
            double v = o.value(x);
            assertTrue(v >= -1e-9 && Double.isFinite(v), o + " at " + Arrays.toString(x) + " = " + v);
            assertTrue(v > o.value(fill(x.length, minimizer(o))) - 1e-9, o + " beats its minimum");
        }
    }

    @Test
    void value_matchesHandComputedReferences() {
        assertEquals(14, Objective.SPHERE.value(new double[] {1, 2, 3}), 1e-12);
        assertEquals(1, Objective.ROSENBROCK.value(new double[] {0, 0}), 1e-12);
        assertEquals(100 * 9 + 4, Objective.ROSENBROCK.value(new double[] {-1, -2}), 1e-12);
        assertEquals(1, Objective.RASTRIGIN.value(new double[] {1, 0}), 1e-12);
        assertEquals(2, Objective.RASTRIGIN.value(new double[] {1, -1}), 1e-12);
        double ackley1 = -20 * Math.exp(-0.2) - Math.exp(1) + 20 + Math.E; // at (1, 1): cos 2pi = 1
        assertEquals(ackley1, Objective.ACKLEY.value(new double[] {1, 1}), 1e-12);
        assertEquals(1 + 2.0 / 4000 - Math.cos(1) * Math.cos(1 / Math.sqrt(2)),
                Objective.GRIEWANK.value(new double[] {1, 1}), 1e-12);
        assertEquals(418.9829, Objective.SCHWEFEL.value(new double[] {0}), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"SPHERE", "RASTRIGIN", "ACKLEY", "SCHWEFEL"})
    void value_ignoresOrderOfCoordinates(Objective o) {
        double[] x = {0.3, -1.7, 2.2, 4.1};
        double[] reversed = {4.1, 2.2, -1.7, 0.3};
        assertEquals(o.value(x), o.value(reversed), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"SPHERE", "RASTRIGIN", "ACKLEY", "GRIEWANK"})
    void value_isSymmetricAroundOrigin(Objective o) {
        double[] x = {0.3, -1.7, 2.2};
        assertEquals(o.value(x), o.value(new double[] {-0.3, 1.7, -2.2}), 1e-9);
    }

    @Test
    void value_rejectsZeroDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Objective.SPHERE.value(new double[0]));
    }

    @Test
    void fromBuiltin_knowsEveryName() {
        for (Objective o : Objective.values()) {
            assertEquals(Optional.of(o), Objective.fromBuiltin(o.builtinName()));
        }
        assertEquals("bench:rastrigin", Objective.RASTRIGIN.builtinName());
        assertEquals(Optional.empty(), Objective.fromBuiltin("bench:nope"));
        assertEquals(Optional.empty(), Objective.fromBuiltin("rastrigin"));
    }
}
