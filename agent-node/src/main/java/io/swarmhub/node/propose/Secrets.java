package io.swarmhub.node.propose;

import java.util.regex.Pattern;

/** Removes credentials from text that may end up in a ledger, a log or an error message. */
final class Secrets {
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"']+");
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}");

    private Secrets() {
    }

    /** The text with {@code secret} (when not empty), bearer tokens and key-like strings redacted. */
    static String scrub(String text, String secret) {
        if (text == null) {
            return "";
        }
        String s = text;
        if (secret != null && secret.length() >= 4) {
            s = s.replace(secret, "[redacted]");
        }
        s = BEARER.matcher(s).replaceAll("$1[redacted]");
        return KEY_LIKE.matcher(s).replaceAll("$1-[redacted]");
    }
}
