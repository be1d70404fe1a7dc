package io.swarmhub.node.propose;

import io.swarmhub.node.ProposalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's reply into whole-file edits: SEARCH/REPLACE blocks or a unified diff, fenced
 * or not, with prose around them. Every path must be editable; a reply that changes nothing,
 * does not apply, or names a path it may not touch is refused with the reason.
 */
public final class ReplyParser {
    private static final Pattern DESCRIPTION = Pattern.compile("(?im)^\\W*description\\W*:\\s*(.+)$");
    private static final int MAX_DESCRIPTION = 200;

    /** The parsed reply: new contents by path, and a one-line description. */
    public record Parsed(Map<String, String> edits, String description) {
    }

    private final EditablePaths paths;

    public ReplyParser(EditablePaths paths) {
        this.paths = paths;
    }

    /** Parses a reply against the parent's files ({@code read} gives null for a missing file). */
    public Parsed parse(String reply, Function<String, String> read) throws ProposalException {
        if (reply == null || reply.isBlank()) {
            throw new ProposalException("the reply is empty");
        }
        Map<String, String> current = new LinkedHashMap<>();
        if (SearchReplace.present(reply)) {
            for (SearchReplace.Block b : SearchReplace.parse(reply)) {
                String path = paths.check(b.path());
                String before = current.containsKey(path) ? current.get(path) : read.apply(path);
                current.put(path, SearchReplace.apply(before, b));
            }
        } else {
            List<TextPatch.FilePatch> files = TextPatch.parse(reply);
            if (files.isEmpty()) {
                throw new ProposalException("the reply holds neither a unified diff nor SEARCH/REPLACE blocks: "
                        + excerpt(reply));
            }
            for (TextPatch.FilePatch f : files) {
                String path = paths.check(f.path());
                if (f.deletes()) {
                    throw new ProposalException("the reply deletes " + path + "; deleting files is not supported");
                }
                if (f.oldPath() != null && !f.oldPath().equals(f.newPath())) {
                    paths.check(f.oldPath());
                    throw new ProposalException("the reply renames " + f.oldPath() + " to " + path + "; renames are not supported");
                }
                if (f.hunks().isEmpty()) {
                    throw new ProposalException("the diff for " + path + " has no hunks ('@@ ... @@' sections)");
                }
                String before = current.containsKey(path) ? current.get(path) : read.apply(path);
                current.put(path, TextPatch.apply(before, f));
            }
        }
        Map<String, String> edits = new LinkedHashMap<>();
        current.forEach((path, text) -> {
            if (!text.equals(read.apply(path))) {
                edits.put(path, text);
            }
        });
        if (edits.isEmpty()) {
            throw new ProposalException("the reply changes nothing");
        }
        return new Parsed(edits, description(reply, edits));
    }

    /** The reply's DESCRIPTION line, else its first line of prose, else the files it edits. */
    static String description(String reply, Map<String, String> edits) {
        Matcher m = DESCRIPTION.matcher(reply);
        String d = null;
        if (m.find()) {
            d = m.group(1);
        } else {
            for (String line : reply.split("\n")) {
                String l = line.trim();
                if (l.startsWith("```") || l.startsWith("--- ") || l.startsWith("diff --git") || SearchReplace.present(l)
                        || edits.containsKey(l)) {
                    break;
                }
                if (!l.isEmpty() && l.chars().anyMatch(Character::isLetter)) {
                    d = l.replaceAll("^[#*>\\s-]+", "");
                    break;
                }
            }
        }
        if (d == null || d.isBlank()) {
            d = "edit " + String.join(", ", edits.keySet());
        }
        d = d.replaceAll("[*`]", "").replaceAll("\\s+", " ").trim();
        return d.length() > MAX_DESCRIPTION ? d.substring(0, MAX_DESCRIPTION - 3) + "..." : d;
    }

    static String excerpt(String reply) {
        String s = reply.strip().replaceAll("\\s+", " ");
        return "'" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "'";
    }
}
