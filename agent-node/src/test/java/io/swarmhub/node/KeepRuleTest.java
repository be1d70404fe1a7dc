package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeepRuleTest {
    @Test
    void keeps_minimizeNeedsMoreThanDelta() {
        KeepRule rule = new KeepRule(true, 0.01);
        assertTrue(rule.keeps(0.98, 1.0));
        assertFalse(rule.keeps(0.995, 1.0));
        assertFalse(new KeepRule(true, 0.25).keeps(0.75, 1.0), "exactly the threshold is not enough");
        assertFalse(rule.keeps(1.0, 1.0), "equal is a discard");
        assertFalse(rule.keeps(1.5, 1.0));
    }

    @Test
    void keeps_maximize() {
        KeepRule rule = new KeepRule(false, 0);
        assertTrue(rule.keeps(2, 1));
        assertFalse(rule.keeps(1, 1));
        assertFalse(rule.keeps(0.5, 1));
    }

    @Test
    void keeps_nonFiniteNeverKept() {
        KeepRule rule = new KeepRule(true, 0);
        assertFalse(rule.keeps(Double.NaN, 1));
        assertFalse(rule.keeps(Double.NEGATIVE_INFINITY, 1));
        assertTrue(rule.keeps(1, Double.NaN));
    }

    @Test
    void constructor_negativeDelta() {
        assertThrows(IllegalArgumentException.class, () -> new KeepRule(true, -1));
        assertThrows(IllegalArgumentException.class, () -> new KeepRule(true, Double.NaN));
    }
}
