package io.swarmhub.coordinator.api.web;

/**
 * Just enough JSON writing for the web UI's compact endpoints, whose arrays of numbers protobuf's
 * JSON printer cannot express. Strings are escaped so that any text from a node stays a string.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    private Json(char open) {
        out.append(open);
    }

    static Json object() {
        return new Json('{');
    }

    static Json array() {
        return new Json('[');
    }

    /** Adds {@code "name": value} where value is already JSON. */
    Json raw(String name, String json) {
        comma();
        out.append(quote(name)).append(':').append(json);
        return this;
    }

    Json put(String name, String value) {
        return raw(name, quote(value));
    }

    Json put(String name, long value) {
        return raw(name, Long.toString(value));
    }

    Json put(String name, double value) {
        return raw(name, number(value));
    }

    Json put(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** Adds an array element that is already JSON. */
    Json add(String json) {
        comma();
        out.append(json);
        return this;
    }

    /** Closes the object or array and returns its text. */
    String end() {
        return out.append(out.charAt(0) == '{' ? '}' : ']').toString();
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    /** A finite number, or {@code null} for NaN and infinities (JSON has no such numbers). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
