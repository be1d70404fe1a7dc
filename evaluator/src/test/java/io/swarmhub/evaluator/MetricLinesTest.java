package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Metric lines in autoresearch's summary format and as one-line JSON. */
class MetricLinesTest {
    private static Map<String, Double> parse(String... lines) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String line : lines) {
            MetricLines.parse(line, metrics);
        }
        return metrics;
    }

    @Test
    void parse_autoresearchSummary() {
        Map<String, Double> m = parse("---", "val_bpb:          0.997900", "training_seconds: 300.1",
                "peak_vram_mb:     45060.2", "num_params_M:     50.3", "depth: 8", "lr.max-1: 1e-3");

        assertEquals(List.of("val_bpb", "training_seconds", "peak_vram_mb", "num_params_M", "depth", "lr.max-1"),
                List.copyOf(m.keySet()));
        assertEquals(0.9979, m.get("val_bpb"), 1e-12);
        assertEquals(0.001, m.get("lr.max-1"), 1e-15);
    }

    @Test
    void parse_ignoresOrdinaryLogLines() {
        Map<String, Double> m = parse("step 00100 (50.0%) | loss: 3.2 | lr: 0.01", "time: 12:30:05",
                "  indented: 1", "9lives: 1", "val_bpb:0.9", "url: http://x", "", "{not json}", "[1, 2]");

        assertTrue(m.isEmpty(), m.toString());
    }

    @Test
    void parse_laterLinesOverride() {
        Map<String, Double> m = parse("val_bpb: 1.5", "{\"val_bpb\": 1.2, \"steps\": 3}", "val_bpb: 0.9");

        assertEquals(Map.of("val_bpb", 0.9, "steps", 3.0), m);
    }

    @Test
    void parse_jsonKeepsOnlyNumbers() {
        Map<String, Double> m = parse("  {\"a\": 1, \"b\": \"2\", \"c\": true, \"d\": {\"e\": 1}, \"f\": -2.5e2}  ");

        assertEquals(Map.of("a", 1.0, "f", -250.0), m);
    }

    @Test
    void parse_nonFiniteValuesAreKeptForTheJudge() {
        Map<String, Double> m = parse("a: nan", "b: -inf", "c: Infinity", "{\"d\": NaN}");

        assertTrue(Double.isNaN(m.get("a")));
        assertEquals(Double.NEGATIVE_INFINITY, m.get("b"));
        assertEquals(Double.POSITIVE_INFINITY, m.get("c"));
        assertTrue(Double.isNaN(m.get("d")));
    }

    @Test
    void number_acceptsOnlyPlainNumbers() {
        assertEquals(OptionalDouble.of(-0.5), MetricLines.number(" -.5 "));
        assertEquals(OptionalDouble.of(3), MetricLines.number("3."));
        assertEquals(OptionalDouble.empty(), MetricLines.number("0x10"));
        assertEquals(OptionalDouble.empty(), MetricLines.number("1d"));
        assertEquals(OptionalDouble.empty(), MetricLines.number("1,5"));
    }
}
