package io.swarmhub.node.propose;

import io.swarmhub.node.ProposalException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unified diffs read leniently and applied in memory. Reading skips anything that is not part of
 * a file section (prose, code fences), tolerates wrong hunk counts and line numbers and context
 * lines that lost their leading space, as models write them; applying finds each hunk by its
 * content, nearest to the line it names. A git diff of the workspace reads and applies exactly.
 */
public final class TextPatch {
    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One hunk: its lines with their prefix (' ', '-', '+'), and where the old side said it starts (1-based, -1 unknown). */
    public record Hunk(int oldStart, List<String> lines, boolean oldNoNewline, boolean newNoNewline) {
        List<String> side(char drop) {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                if (l.charAt(0) != drop) {
                    out.add(l.substring(1));
                }
            }
            return out;
        }
    }

    /** The changes to one file; a null path is {@code /dev/null} (the file is created or deleted). */
    public record FilePatch(String oldPath, String newPath, List<Hunk> hunks) {
        public boolean creates() {
            return oldPath == null && newPath != null;
        }

        public boolean deletes() {
            return newPath == null;
        }

        public String path() {
            return newPath != null ? newPath : oldPath;
        }
    }

    private TextPatch() {
    }

    /** The file sections of a diff, possibly surrounded by prose; empty when there are none. */
    public static List<FilePatch> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<FilePatch> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!isFileHeader(lines, i)) {
                i++;
                continue;
            }
            String oldPath = path(lines[i].substring(4), "a/");
            String newPath = path(lines[i + 1].substring(4), "b/");
            i += 2;
            List<Hunk> hunks = new ArrayList<>();
            while (i < lines.length && lines[i].startsWith("@@")) {
                i = hunk(lines, i, hunks);
            }
            if (oldPath != null || newPath != null) {
                out.add(new FilePatch(oldPath, newPath, hunks));
            }
        }
        return out;
    }

    private static boolean isFileHeader(String[] lines, int i) {
        return lines[i].startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ");
    }

    /** Reads one hunk starting at its header; returns the index after it. */
    private static int hunk(String[] lines, int at, List<Hunk> hunks) {
        Matcher m = HUNK.matcher(lines[at]);
        boolean counted = m.matches();
        int oldStart = counted ? Integer.parseInt(m.group(1)) : -1;
        long oldLeft = counted ? count(m.group(2)) : 0;
        long newLeft = counted ? count(m.group(4)) : 0;
        List<String> body = new ArrayList<>();
        boolean oldNoNl = false;
        boolean newNoNl = false;
        int i = at + 1;
        for (; i < lines.length; i++) {
            String l = lines[i];
            boolean inside = oldLeft > 0 || newLeft > 0;
            if (l.startsWith("\\")) {
                if (!body.isEmpty()) {
                    char last = body.get(body.size() - 1).charAt(0);
                    oldNoNl |= last != '+';
                    newNoNl |= last != '-';
                }
                continue;
            }
            if (!inside && (l.startsWith("@@") || l.startsWith("diff --git") || isFileHeader(lines, i))) {
                break;
            }
            char c = l.isEmpty() ? ' ' : l.charAt(0);
            if (c != ' ' && c != '+' && c != '-' || l.isEmpty() && !inside && !moreHunkLines(lines, i)) {
                break;
            }
            body.add(l.isEmpty() ? " " : l);
            oldLeft -= c == '+' ? 0 : 1;
            newLeft -= c == '-' ? 0 : 1;
        }
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank() && !newNoNl && !oldNoNl) {
            body.remove(body.size() - 1); // blank lines after a hunk are separators, not context
        }
        if (!body.isEmpty()) {
            hunks.add(new Hunk(oldStart, body, oldNoNl, newNoNl));
        }
        return i;
    }

    /** Whether an empty line is followed by more lines of the same hunk (a context line that lost its space). */
    private static boolean moreHunkLines(String[] lines, int i) {
        for (int k = i + 1; k < lines.length; k++) {
            String l = lines[k];
            if (l.isEmpty()) {
                continue;
            }
            return (l.startsWith(" ") || l.startsWith("+") || l.startsWith("-")) && !isFileHeader(lines, k);
        }
        return false;
    }

    private static long count(String group) {
        return group == null ? 1 : Long.parseLong(group);
    }

    /** The path of a '---'/'+++' header: quotes, timestamps and the a/ or b/ prefix removed; null for /dev/null. */
    static String path(String header, String prefix) {
        String p = header.trim();
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab).trim();
        }
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.equals("/dev/null")) {
            return null;
        }
        return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
    }

    /** The file after the patch; {@code content} is null for a file that does not exist. */
    public static String apply(String content, FilePatch patch) throws ProposalException {
        if (patch.creates() && content != null && !content.isEmpty()) {
            throw new ProposalException("the change creates " + patch.path() + ", which already exists");
        }
        if (!patch.creates() && content == null) {
            throw new ProposalException("the change edits " + patch.path() + ", which does not exist");
        }
        TextLines text = TextLines.of(content);
        if (patch.creates()) {
            text.endsWithNewline = true;
        }
        int cursor = 0;
        int offset = 0;
        for (int h = 0; h < patch.hunks().size(); h++) {
            Hunk hunk = patch.hunks().get(h);
            List<String> oldSide = hunk.side('+');
            List<String> newSide = hunk.side('-');
            int near = hunk.oldStart() > 0 ? hunk.oldStart() - 1 + offset : -1;
            int at;
            if (oldSide.isEmpty()) {
                at = hunk.oldStart() < 0 ? text.lines.size()
                        : Math.max(cursor, Math.min(text.lines.size(), hunk.oldStart() + offset));
            } else {
                at = text.find(oldSide, cursor, near);
                if (at < 0) {
                    throw new ProposalException("hunk " + (h + 1) + " of " + patch.path()
                            + " does not match the file (its context or removed lines differ)");
                }
            }
            boolean reachesEnd = at + oldSide.size() == text.lines.size();
            text.replace(at, oldSide.size(), newSide);
            if (reachesEnd && hunk.newNoNewline()) {
                text.endsWithNewline = false;
            } else if (reachesEnd && hunk.oldNoNewline()) {
                text.endsWithNewline = true;
            }
            cursor = at + newSide.size();
            offset += newSide.size() - oldSide.size();
        }
        return text.text();
    }
}
