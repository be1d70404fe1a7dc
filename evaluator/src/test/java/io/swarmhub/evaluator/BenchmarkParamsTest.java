package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The point a benchmark reads from its properties file. */
class BenchmarkParamsTest {
    @Test
    void naturalOrder_comparesEmbeddedNumbersByValue() {
        List<String> keys = new ArrayList<>(List.of("x10", "x2", "x1", "y", "x0", "lr", "x100", "a2b10", "a2b9"));
        keys.sort(BenchmarkParams.NATURAL_ORDER);

        assertEquals(List.of("a2b9", "a2b10", "lr", "x0", "x1", "x2", "x10", "x100", "y"), keys);
    }

    @Test
    void point_takesNumericValuesInKeyOrder() {
        Properties p = new Properties();
        p.setProperty("x10", "10");
        p.setProperty("x9", "-9.5");
        p.setProperty("name", "rastrigin");
        p.setProperty("x0", "1e-3");

        assertArrayEquals(new double[] {0.001, -9.5, 10}, BenchmarkParams.point(p));
    }
}
