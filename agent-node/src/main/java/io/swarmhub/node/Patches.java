package io.swarmhub.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/** Content hashes of patches, for duplicate detection across the swarm, and the paths a patch touches. */
public final class Patches {
    private Patches() {
    }

    /** Hex SHA-256 of the patch text. */
    public static String sha256(String patch) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(patch.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The paths a unified diff touches (both sides of a rename; {@code /dev/null} left out), in
     * the order they appear.
     */
    public static Set<String> paths(String patch) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : patch.split("\n", -1)) {
            if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                String p = line.substring(4);
                int tab = p.indexOf('\t');
                p = tab >= 0 ? p.substring(0, tab) : p;
                if (p.startsWith("a/") || p.startsWith("b/")) {
                    out.add(p.substring(2));
                } else if (!p.equals("/dev/null")) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
