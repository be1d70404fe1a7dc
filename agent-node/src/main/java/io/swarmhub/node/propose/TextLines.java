package io.swarmhub.node.propose;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file as lines plus whether it ends with a newline, with the block search that diff hunks
 * and SEARCH/REPLACE blocks both need: exact first, then ignoring trailing whitespace (models
 * often drop or add it), preferring the match nearest to where the change said it would be.
 */
final class TextLines {
    final List<String> lines;
    boolean endsWithNewline;

    private TextLines(List<String> lines, boolean endsWithNewline) {
        this.lines = lines;
        this.endsWithNewline = endsWithNewline;
    }

    static TextLines of(String text) {
        if (text == null || text.isEmpty()) {
            return new TextLines(new ArrayList<>(), true);
        }
        String t = text.replace("\r\n", "\n");
        boolean nl = t.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of((nl ? t.substring(0, t.length() - 1) : t).split("\n", -1)));
        return new TextLines(lines, nl);
    }

    String text() {
        if (lines.isEmpty()) {
            return "";
        }
        return String.join("\n", lines) + (endsWithNewline ? "\n" : "");
    }

    /**
     * Where {@code block} occurs at or after {@code from}, nearest to {@code near} (-1: the first);
     * -1 when it does not occur. An empty block matches nowhere.
     */
    int find(List<String> block, int from, int near) {
        if (block.isEmpty()) {
            return -1;
        }
        int found = find(block, from, near, false);
        return found >= 0 ? found : find(block, from, near, true);
    }

    private int find(List<String> block, int from, int near, boolean loose) {
        int best = -1;
        for (int i = Math.max(0, from); i + block.size() <= lines.size(); i++) {
            if (matchesAt(block, i, loose)) {
                if (near < 0) {
                    return i;
                }
                if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) {
                    best = i;
                }
            }
        }
        return best;
    }

    private boolean matchesAt(List<String> block, int at, boolean loose) {
        for (int k = 0; k < block.size(); k++) {
            String a = lines.get(at + k);
            String b = block.get(k);
            if (loose ? !a.stripTrailing().equals(b.stripTrailing()) : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    void replace(int at, int count, List<String> with) {
        List<String> tail = new ArrayList<>(lines.subList(at + count, lines.size()));
        lines.subList(at, lines.size()).clear();
        lines.addAll(with);
        lines.addAll(tail);
    }
}
