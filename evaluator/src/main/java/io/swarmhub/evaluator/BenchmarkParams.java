package io.swarmhub.evaluator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * The point a benchmark objective is evaluated at: every numeric value of its properties file, ordered by
 * key in natural order ({@code x2} before {@code x10}). Keys with non-numeric values are ignored.
 */
final class BenchmarkParams {
    /** Orders keys with embedded numbers by their value: {@code x0, x1, ..., x9, x10}. */
    static final Comparator<String> NATURAL_ORDER = BenchmarkParams::compareNatural;

    private BenchmarkParams() {
    }

    static double[] point(Properties properties) {
        List<String> keys = new ArrayList<>(properties.stringPropertyNames());
        keys.sort(NATURAL_ORDER);
        double[] values = new double[keys.size()];
        int n = 0;
        for (String key : keys) {
            OptionalDouble v = MetricLines.number(properties.getProperty(key));
            if (v.isPresent()) {
                values[n++] = v.getAsDouble();
            }
        }
        return Arrays.copyOf(values, n);
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = endOfDigits(a, i);
                int ej = endOfDigits(b, j);
                int c = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b); // x01 and x1: any fixed order will do
    }

    private static int endOfDigits(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
