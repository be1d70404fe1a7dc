package io.swarmhub.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and rewrites {@code name = value} lines in a parameters file (Java properties, or the
 * constants of a Python or shell file: {@code LR = 0.004  # comment}), leaving every other byte
 * as it was so the diff shows exactly the changed values.
 */
public final class ParameterText {
    private static final Pattern LINE = Pattern.compile(
            "(?m)^([ \\t]*)([A-Za-z_][\\w.\\-]*)([ \\t]*[=:][ \\t]*)(\"[^\"\\n]*\"|'[^'\\n]*'|[^#\\n]*?)([ \\t]*(?:#[^\\n]*)?)$");

    private ParameterText() {
    }

    /** The value of every parameter line, unquoted, in file order (first occurrence wins). */
    public static Map<String, String> values(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(2), unquote(m.group(4)));
        }
        return out;
    }

    /** The value of one parameter, unquoted. */
    public static Optional<String> value(String text, String name) {
        return Optional.ofNullable(values(text).get(name));
    }

    /** The text with the first line for {@code name} set to {@code value}, keeping quotes and comments. */
    public static String with(String text, String name, String value) {
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            if (m.group(2).equals(name)) {
                String old = m.group(4);
                String quoted = old.length() >= 2 && (old.charAt(0) == '"' || old.charAt(0) == '\'')
                        ? old.charAt(0) + value + old.charAt(0)
                        : value;
                return text.substring(0, m.start(4)) + quoted + text.substring(m.end(4));
            }
        }
        throw new IllegalArgumentException("no line '" + name + " = ...' in the parameters file");
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
