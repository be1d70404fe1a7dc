package io.swarmhub.protocol;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations campaign files use: {@code 90}, {@code 90s}, {@code 30m}, {@code 8h}, {@code 1h30m}, {@code 2d}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([smhd])");

    private Durations() {
    }

    /** Seconds in the text, or empty when it is not a duration. */
    public static OptionalLong parseSeconds(String text) {
        String t = text.trim().toLowerCase();
        if (t.matches("\\d+")) {
            return OptionalLong.of(Long.parseLong(t));
        }
        Matcher m = PART.matcher(t);
        int pos = 0;
        double total = 0;
        while (m.find()) {
            if (m.start() != pos) {
                return OptionalLong.empty();
            }
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
            pos = m.end();
        }
        if (pos == 0 || pos != t.length()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(total));
    }
}
