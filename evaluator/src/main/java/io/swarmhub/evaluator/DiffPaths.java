package io.swarmhub.evaluator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the paths of git's diff headers: C-style quoted names ({@code "a/caf\303\251 menu.txt"}) and the
 * two names of a {@code diff --git a/X b/Y} line, which may contain spaces.
 */
final class DiffPaths {
    /** The two raw names of a {@code diff --git} line (prefixes kept). */
    record Pair(String left, String right) {
    }

    private DiffPaths() {
    }

    /** The name written after a {@code ---}/{@code +++}/{@code rename from} keyword; empty if malformed. */
    static Optional<String> name(String text) {
        if (text.startsWith("\"")) {
            int end = closingQuote(text);
            return end == text.length() - 1 ? unquote(text) : Optional.empty();
        }
        int tab = text.indexOf('\t'); // plain diff(1) appends a tab and a timestamp
        return Optional.of(tab >= 0 ? text.substring(0, tab) : text);
    }

    /** Splits the rest of a {@code diff --git } line into its two names; empty if malformed or ambiguous. */
    static Optional<Pair> gitHeader(String rest) {
        if (rest.startsWith("\"")) {
            int end = closingQuote(rest);
            if (end < 0 || end + 2 > rest.length() || rest.charAt(end + 1) != ' ') {
                return Optional.empty();
            }
            Optional<String> left = unquote(rest.substring(0, end + 1));
            Optional<String> right = name(rest.substring(end + 2));
            return left.isPresent() && right.isPresent()
                    ? Optional.of(new Pair(left.get(), right.get())) : Optional.empty();
        }
        if (rest.endsWith("\"")) {
            for (int i = rest.indexOf(" \""); i >= 0; i = rest.indexOf(" \"", i + 1)) {
                String quoted = rest.substring(i + 1);
                if (closingQuote(quoted) == quoted.length() - 1) {
                    String left = rest.substring(0, i);
                    return unquote(quoted).map(right -> new Pair(left, right));
                }
            }
            return Optional.empty();
        }
        // Unquoted names may hold spaces: prefer the split where both sides name the same file.
        Pair only = null;
        int candidates = 0;
        for (int i = rest.indexOf(' '); i >= 0; i = rest.indexOf(' ', i + 1)) {
            String left = rest.substring(0, i);
            String right = rest.substring(i + 1);
            if (left.length() > 2 && right.length() > 2 && left.substring(2).equals(right.substring(2))) {
                return Optional.of(new Pair(left, right));
            }
            if (right.startsWith("b/")) {
                candidates++;
                only = new Pair(left, right);
            }
        }
        return candidates == 1 ? Optional.of(only) : Optional.empty();
    }

    private static int closingQuote(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Decodes a C-quoted name, octal escapes being UTF-8 bytes; empty if malformed. */
    static Optional<String> unquote(String quoted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            if (++i >= body.length()) {
                return Optional.empty();
            }
            char e = body.charAt(i);
            switch (e) {
                case '\\', '"' -> out.write(e);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'v' -> out.write(11);
                case 'f' -> out.write(12);
                case 'r' -> out.write('\r');
                default -> {
                    if (e < '0' || e > '3' || i + 2 >= body.length()) {
                        return Optional.empty();
                    }
                    String octal = body.substring(i, i + 3);
                    if (!octal.matches("[0-3][0-7][0-7]")) {
                        return Optional.empty();
                    }
                    out.write(Integer.parseInt(octal, 8));
                    i += 2;
                }
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
