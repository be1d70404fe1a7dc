package io.swarmhub.evaluator;

import io.swarmhub.protocol.Globs;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guard on proposed patches: a unified diff (git format) may only touch editable paths, with plain
 * relative names, as regular text files, within a size limit. Anything it cannot parse is refused rather
 * than guessed at. Each refusal is one human-readable reason, recorded with the INVALID experiment.
 */
public final class PatchGuard {
    /** The size limit when a campaign sets none. */
    public static final long DEFAULT_MAX_PATCH_BYTES = 64 * 1024;

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d{1,9})(?:,(\\d{1,9}))? \\+(\\d{1,9})(?:,(\\d{1,9}))? @@.*");
    private static final Set<String> REGULAR_MODES = Set.of("100644", "100755", "100664");

    private final Globs editable;
    private final long maxPatchBytes;

    /** @param maxPatchBytes the size limit in bytes; 0 or less means {@link #DEFAULT_MAX_PATCH_BYTES} */
    public PatchGuard(Globs editable, long maxPatchBytes) {
        this.editable = editable;
        this.maxPatchBytes = maxPatchBytes > 0 ? maxPatchBytes : DEFAULT_MAX_PATCH_BYTES;
    }

    /** The guard a campaign asks for: its editable globs and {@code guard.max_patch_bytes}. */
    public static PatchGuard forCampaign(Campaign campaign) {
        return new PatchGuard(new Globs(campaign.getWorkspace().getEditableList()),
                campaign.getGuard().getMaxPatchBytes());
    }

    /** Empty if the patch is acceptable (an empty patch is: it is the baseline); else why it is not. */
    public Optional<String> check(String unifiedDiff) {
        if (unifiedDiff == null || unifiedDiff.isBlank()) {
            return Optional.empty();
        }
        long bytes = unifiedDiff.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxPatchBytes) {
            return Optional.of("patch is " + bytes + " bytes, over the limit of " + maxPatchBytes + " bytes");
        }
        if (unifiedDiff.indexOf('\0') >= 0) {
            return Optional.of("patch contains binary content (NUL bytes)");
        }
        try {
            new Scan().run(unifiedDiff);
            return Optional.empty();
        } catch (Refusal r) {
            return Optional.of(r.getMessage());
        }
    }

    /** One pass over the patch lines, tracking hunk line counts so that content is never read as a header. */
    private final class Scan {
        private int lineNo;
        private long oldLeft;
        private long newLeft;
        private boolean inGitSection;
        private boolean expectPlus;
        private boolean hunksAllowed;
        private boolean sawFile;
        private String current = "";

        void run(String diff) {
            String[] lines = diff.split("\n", -1);
            int n = diff.endsWith("\n") ? lines.length - 1 : lines.length;
            for (int i = 0; i < n; i++) {
                lineNo = i + 1;
                line(lines[i]);
            }
            if (expectPlus) {
                throw malformed("the patch ends after a '---' header");
            }
            if (oldLeft > 0 || newLeft > 0) {
                throw malformed("the patch ends inside a hunk (truncated?)");
            }
            if (!sawFile) {
                throw malformed("no file header ('diff --git' or '---'/'+++')");
            }
        }

        private void line(String raw) {
            if (oldLeft > 0 || newLeft > 0) {
                hunkLine(raw);
                return;
            }
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (expectPlus) {
                if (!line.startsWith("+++ ")) {
                    throw malformed("expected '+++' after '---'");
                }
                current = headerPath(line.substring(4), current);
                expectPlus = false;
                hunksAllowed = true;
            } else if (line.startsWith("diff --git ")) {
                DiffPaths.Pair pair = DiffPaths.gitHeader(line.substring(11))
                        .orElseThrow(() -> malformed("cannot read the paths of 'diff --git'"));
                checkPath(strip(pair.left()));
                current = checkPath(strip(pair.right()));
                inGitSection = true;
                hunksAllowed = false;
                sawFile = true;
            } else if (line.startsWith("--- ")) {
                current = headerPath(line.substring(4), current);
                expectPlus = true;
                sawFile = true;
            } else if (line.startsWith("@@")) {
                startHunk(line);
            } else if (line.startsWith("Binary files ") || line.equals("GIT binary patch")) {
                throw new Refusal("patch contains binary content for " + current);
            } else if (line.startsWith("\\") && hunksAllowed) {
                return; // "\ No newline at end of file" after a hunk's last line
            } else if (inGitSection && extendedHeader(line)) {
                return;
            } else if (!line.isBlank()) {
                throw malformed("unexpected line '" + abbreviate(line) + "'");
            }
        }

        private boolean extendedHeader(String line) {
            for (String key : new String[] {"old mode ", "new mode ", "new file mode ", "deleted file mode "}) {
                if (line.startsWith(key)) {
                    checkMode(line.substring(key.length()).trim());
                    return true;
                }
            }
            for (String key : new String[] {"rename from ", "rename to ", "copy from ", "copy to "}) {
                if (line.startsWith(key)) {
                    checkPath(DiffPaths.name(line.substring(key.length()))
                            .orElseThrow(() -> malformed("cannot read the path of '" + key.trim() + "'")));
                    return true;
                }
            }
            if (line.startsWith("index ")) {
                String[] parts = line.substring(6).trim().split(" +");
                if (parts.length > 2 || !parts[0].matches("[0-9a-fA-F]+\\.\\.[0-9a-fA-F]+")) {
                    throw malformed("cannot read 'index' header");
                }
                if (parts.length == 2) {
                    checkMode(parts[1]);
                }
                return true;
            }
            return line.startsWith("similarity index ") || line.startsWith("dissimilarity index ");
        }

        private void startHunk(String line) {
            if (!hunksAllowed) {
                throw malformed("hunk before its '---'/'+++' file header");
            }
            Matcher m = HUNK.matcher(line);
            if (!m.matches()) {
                throw malformed("cannot read hunk header '" + abbreviate(line) + "'");
            }
            oldLeft = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
            newLeft = m.group(4) == null ? 1 : Long.parseLong(m.group(4));
            if (oldLeft == 0 && newLeft == 0) {
                throw malformed("empty hunk");
            }
        }

        private void hunkLine(String line) {
            char c = line.isEmpty() ? ' ' : line.charAt(0); // some tools strip a context line's lone space
            switch (c) {
                case ' ' -> {
                    oldLeft--;
                    newLeft--;
                }
                case '-' -> oldLeft--;
                case '+' -> newLeft--;
                case '\\' -> {
                    return;
                }
                default -> throw malformed("hunk has fewer lines than its header says");
            }
            if (oldLeft < 0 || newLeft < 0) {
                throw malformed("hunk has more lines than its header says");
            }
        }

        private String headerPath(String text, String fallback) {
            String name = DiffPaths.name(text).orElseThrow(() -> malformed("cannot read the path"));
            return name.equals("/dev/null") ? fallback : checkPath(strip(name));
        }

        private String strip(String name) {
            if (name.startsWith("a/") || name.startsWith("b/")) {
                return name.substring(2);
            }
            if (name.startsWith("/")) {
                throw new Refusal("path '" + name + "' is absolute");
            }
            throw malformed("path '" + name + "' lacks the a/ or b/ prefix");
        }

        private String checkPath(String path) {
            if (path.isEmpty()) {
                throw malformed("empty path");
            }
            if (path.startsWith("/")) {
                throw new Refusal("path '" + path + "' is absolute");
            }
            if (path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw new Refusal("path '" + abbreviate(path) + "' contains control characters");
            }
            if (path.indexOf('\\') >= 0) {
                throw new Refusal("path '" + path + "' contains a backslash");
            }
            for (String segment : path.split("/", -1)) {
                if (segment.equals("..")) {
                    throw new Refusal("path '" + path + "' contains a '..' segment");
                }
                if (segment.isEmpty() || segment.equals(".")) {
                    throw new Refusal("path '" + path + "' is not in normal form");
                }
                if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                    throw new Refusal("path '" + path + "' is inside .git");
                }
            }
            if (!editable.matches(path)) {
                throw new Refusal("path '" + path + "' is outside the editable paths " + editable.patterns());
            }
            return path;
        }

        private void checkMode(String mode) {
            if (mode.equals("120000")) {
                throw new Refusal("path '" + current + "' would be a symlink (mode 120000)");
            }
            if (mode.equals("160000")) {
                throw new Refusal("path '" + current + "' would be a submodule (mode 160000)");
            }
            if (!REGULAR_MODES.contains(mode)) {
                throw malformed("unsupported file mode '" + abbreviate(mode) + "'");
            }
        }

        private Refusal malformed(String why) {
            return new Refusal("malformed patch at line " + lineNo + ": " + why);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A reason to refuse, unwound to {@link #check}; never escapes this class. */
    private static final class Refusal extends RuntimeException {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
