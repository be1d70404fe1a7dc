package io.swarmhub.evaluator;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads metrics from output lines in the two forms a step may print: autoresearch's summary lines
 * ({@code val_bpb:          0.997900}) and one-line JSON objects ({@code {"val_bpb": 0.99, "steps": 10}}).
 * Other lines are ignored; a later report of a metric overrides an earlier one.
 */
final class MetricLines {
    private static final String NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?i:nan|inf|infinity)";
    private static final Pattern NUMBER_ONLY = Pattern.compile(NUMBER);
    private static final Pattern SUMMARY =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*):\\s+(" + NUMBER + ")\\s*");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private MetricLines() {
    }

    /** Adds the metrics reported on {@code line} (if any) to {@code into}, replacing earlier values. */
    static void parse(String line, Map<String, Double> into) {
        if (line.isEmpty()) {
            return;
        }
        char first = line.charAt(0);
        if (first == '{' || Character.isWhitespace(first)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
                parseJson(trimmed, into);
            }
            return;
        }
        Matcher m = SUMMARY.matcher(line);
        if (m.matches()) {
            into.remove(m.group(1)); // keep report order: a metric moves to where it was last reported
            into.put(m.group(1), number(m.group(2)).orElseThrow());
        }
    }

    private static void parseJson(String text, Map<String, Double> into) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return; // braces that are not JSON: an ordinary log line
        }
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isNumber()) {
                into.remove(field.getKey());
                into.put(field.getKey(), field.getValue().doubleValue());
            }
        }
    }

    /** The value of a number as a step may print it, including {@code nan} and {@code inf}. */
    static OptionalDouble number(String text) {
        String s = text.strip();
        if (!NUMBER_ONLY.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (unsigned.startsWith("inf")) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return OptionalDouble.of(Double.parseDouble(s));
    }
}
