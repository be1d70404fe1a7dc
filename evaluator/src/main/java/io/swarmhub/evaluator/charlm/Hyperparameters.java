package io.swarmhub.evaluator.charlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of {@code train.properties}, read by name with their allowed range. A missing key, a value that
 * does not parse or one out of range throws a {@link HyperparameterException} naming the file and the key,
 * which the harness reports as the experiment's CRASH reason.
 */
public final class Hyperparameters {
    /** The file the values come from. */
    public static final String FILE = "train.properties";

    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    Hyperparameters(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** A whole number in {@code [min, max]}. */
    public int intValue(String key, int min, int max) {
        String v = raw(key);
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw problem(key, v, "a whole number");
        }
        if (x < min || x > max) {
            throw problem(key, v, "a whole number in [" + min + ", " + max + "]");
        }
        return x;
    }

    /** A finite number in {@code [min, max]}. */
    public double doubleValue(String key, double min, double max) {
        String v = raw(key);
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw problem(key, v, "a number");
        }
        if (!(x >= min && x <= max)) {
            throw problem(key, v, "a number in [" + min + ", " + max + "]");
        }
        return x;
    }

    /** One of {@code allowed}, compared exactly. */
    public String choice(String key, String... allowed) {
        String v = raw(key);
        if (!Arrays.asList(allowed).contains(v)) {
            throw problem(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** {@code true} or {@code false}. */
    public boolean flag(String key) {
        return Boolean.parseBoolean(choice(key, "true", "false"));
    }

    /** Whether the file has a line for {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Keys in the file that no accessor asked for, in file order: a typo or a leftover. */
    List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private String raw(String key) {
        read.add(key);
        String v = values.get(key);
        if (v == null) {
            throw new HyperparameterException(FILE + ": missing key '" + key + "'");
        }
        return v.trim();
    }

    private static HyperparameterException problem(String key, String value, String expected) {
        return new HyperparameterException(FILE + ": key '" + key + "' = '" + value + "': expected " + expected);
    }

    /** A broken value in {@code train.properties}; the message names the key. */
    public static final class HyperparameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** Use for rules across keys, e.g. {@code width} must be a multiple of {@code heads}. */
        public HyperparameterException(String message) {
            super(message);
        }
    }
}
