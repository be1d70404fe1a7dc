package io.swarmhub.node.propose;

import io.swarmhub.node.ProposalException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SEARCH/REPLACE blocks, as coding assistants write them: the file's path on a line of its own,
 * then (inside a code fence or not)
 * <pre>
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * lines as they are now
 * =======
 * lines as they should be
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 * An empty SEARCH creates a file that does not exist yet.
 */
public final class SearchReplace {
    private static final Pattern START = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\s*$");
    private static final Pattern MIDDLE = Pattern.compile("^\\s*={5,9}\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\s*$");

    /** One block: which file, what to find, what to put instead. */
    public record Block(String path, List<String> search, List<String> replace) {
    }

    private SearchReplace() {
    }

    /** Whether the text holds at least one SEARCH marker. */
    public static boolean present(String text) {
        return text.lines().anyMatch(l -> START.matcher(l).matches());
    }

    /** The blocks of a reply, in order. */
    public static List<Block> parse(String text) throws ProposalException {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Block> out = new ArrayList<>();
        String lastPath = null;
        for (int i = 0; i < lines.length; i++) {
            if (!START.matcher(lines[i]).matches()) {
                continue;
            }
            String path = pathBefore(lines, i);
            if (path == null) {
                path = lastPath;
            }
            if (path == null) {
                throw new ProposalException("SEARCH block " + (out.size() + 1) + " names no file (put the path on the line before it)");
            }
            List<String> search = new ArrayList<>();
            List<String> replace = new ArrayList<>();
            int k = i + 1;
            for (; k < lines.length && !MIDDLE.matcher(lines[k]).matches(); k++) {
                search.add(lines[k]);
            }
            for (k++; k < lines.length && !END.matcher(lines[k]).matches(); k++) {
                replace.add(lines[k]);
            }
            if (k >= lines.length) {
                throw new ProposalException("SEARCH block " + (out.size() + 1) + " for " + path + " is not closed by '>>>>>>> REPLACE'");
            }
            out.add(new Block(path, search, replace));
            lastPath = path;
            i = k;
        }
        return out;
    }

    /** The path named on the nearest non-empty line above a block, skipping code fence openers. */
    private static String pathBefore(String[] lines, int at) {
        for (int i = at - 1; i >= 0; i--) {
            String l = lines[i].trim();
            if (l.isEmpty() || l.startsWith("```") || l.startsWith("~~~")) {
                continue;
            }
            if (END.matcher(l).matches()) {
                return null; // the previous block's end: same file as before
            }
            l = l.replaceAll("^#+\\s*", "").replaceAll("^(?i)(file|path)\\s*:\\s*", "")
                    .replaceAll("^[*`'\"]+|[*`'\":]+$", "").trim();
            return l.isEmpty() || l.contains(" ") ? null : l;
        }
        return null;
    }

    /** The file after one block; {@code content} is null for a file that does not exist. */
    public static String apply(String content, Block block) throws ProposalException {
        if (block.search().stream().allMatch(String::isBlank)) {
            if (content != null && !content.isBlank()) {
                throw new ProposalException("the SEARCH block for " + block.path()
                        + " is empty but the file exists; quote the lines to replace");
            }
            TextLines created = TextLines.of(String.join("\n", block.replace()) + "\n");
            return created.text();
        }
        if (content == null) {
            throw new ProposalException("the SEARCH block edits " + block.path() + ", which does not exist");
        }
        TextLines text = TextLines.of(content);
        int at = text.find(block.search(), 0, -1);
        if (at < 0) {
            throw new ProposalException("a SEARCH block for " + block.path() + " does not match the file: "
                    + quote(block.search()));
        }
        text.replace(at, block.search().size(), block.replace());
        return text.text();
    }

    private static String quote(List<String> lines) {
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
        return "'" + (first.length() > 80 ? first.substring(0, 80) + "..." : first) + "'"
                + (lines.size() > 1 ? " (" + lines.size() + " lines)" : "");
    }
}
