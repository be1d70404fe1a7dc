package io.swarmhub.deploy.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests (the coordinator
 * module has the same reader for its unit tests): every line must be
 * a {@code # HELP}, a {@code # TYPE} or a sample {@code name{label="value",...} value}; every
 * sample must belong to a family declared by a TYPE line; any other line fails the parse.
 */
record PrometheusText(Map<String, String> types, List<Sample> samples) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final List<String> SUFFIXES = List.of("", "_total", "_bucket", "_count", "_sum", "_created");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Parses a whole scrape; throws {@link IllegalArgumentException} naming the first bad line. */
    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                if (types.put(t.group(1), t.group(2)) != null) {
                    throw new IllegalArgumentException("line " + n + ": second TYPE for " + t.group(1));
                }
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) {
                throw new IllegalArgumentException("line " + n + " is not a sample: " + line);
            }
            String name = s.group(1);
            if (family(name, types) == null) {
                throw new IllegalArgumentException("line " + n + ": sample of an undeclared family: " + line);
            }
            samples.add(new Sample(name, labels(s.group(3), n), number(s.group(4), n)));
        }
        return new PrometheusText(types, samples);
    }

    private static String family(String sample, Map<String, String> types) {
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String body, int line) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + line + ": bad labels at '" + body.substring(at) + "'");
            }
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (out.put(m.group(1), value) != null) {
                throw new IllegalArgumentException("line " + line + ": label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        return out;
    }

    private static double number(String s, int line) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!FLOAT.matcher(s).matches()) {
                    throw new IllegalArgumentException("line " + line + ": not a number: " + s);
                }
                return Double.parseDouble(s);
        }
    }

    /** The samples named {@code name} whose labels pass {@code filter}. */
    List<Sample> samples(String name, Predicate<Map<String, String>> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s.labels())).toList();
    }

    /** The sum of the samples named {@code name} whose labels pass {@code filter} (0 when none). */
    double sum(String name, Predicate<Map<String, String>> filter) {
        return samples(name, filter).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample named {@code name} whose labels include these (key, value, key, value...); fails unless exactly one. */
    double value(String name, String... labels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = samples(name, l -> l.entrySet().containsAll(want.entrySet()));
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + want + " (expected 1)");
        }
        return found.get(0).value();
    }
}
