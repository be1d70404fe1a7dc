package io.swarmhub.deploy.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void lines_padColumnsAndRightAlignNumbers() {
        TextTable t = new TextTable(List.of("NODE", "EXPERIMENTS", "LAST SEEN"), false, true, false)
                .add(List.of("node-10", "7", "3s ago")).add(List.of("n", "1234", "never"));
        assertEquals(List.of("NODE     EXPERIMENTS  LAST SEEN", "node-10            7  3s ago", "n               1234  never"), t.lines());
    }

    @Test
    void ago_picksTheUnit() {
        long now = 10_000_000_000L;
        assertEquals("12s ago", TextTable.ago(now - 12_000, now));
        assertEquals("3m ago", TextTable.ago(now - 200_000, now));
        assertEquals("5h ago", TextTable.ago(now - 5 * 3_600_000L, now));
        assertEquals("3d ago", TextTable.ago(now - 3 * 86_400_000L, now));
        assertEquals("never", TextTable.ago(0, now));
    }

    @Test
    void metricText_sixSignificantDigits() {
        assertEquals("4.12", MetricText.format(4.12));
        assertEquals("0.9979", MetricText.format(0.9979));
        assertEquals("123457", MetricText.format(123456.7));
        assertEquals("1.5e-05", MetricText.format(0.000015));
        assertEquals("-", MetricText.format(Double.NaN));
    }
}
