package io.swarmhub.node.propose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * git's line-based three-way merge of one file's text (JGit's merge algorithm, histogram diff),
 * with one addition: when git sees a conflict but all three texts have the same number of lines,
 * the sides are merged line by line (each line from the side that changed it; a conflict only
 * where both changed the same line differently). git treats edits of adjacent lines as a
 * conflict; in a parameter file, one value per line, that is most pairs of edits. A merge here is
 * only a proposal: the judge decides whether it is kept.
 */
public final class ThreeWayMerge {
    private ThreeWayMerge() {
    }

    /** The merged text, or empty when both sides changed the same lines differently. */
    public static Optional<String> merge(String base, String ours, String theirs) {
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = algorithm.merge(RawTextComparator.DEFAULT, raw(base), raw(ours), raw(theirs));
        if (result.containsConflicts()) {
            return lineByLine(base, ours, theirs);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** Same line count on all three sides: each line from the side that changed it. */
    static Optional<String> lineByLine(String base, String ours, String theirs) {
        String[] b = base.split("\n", -1);
        String[] o = ours.split("\n", -1);
        String[] t = theirs.split("\n", -1);
        if (b.length != o.length || b.length != t.length) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(Math.max(ours.length(), theirs.length()));
        for (int i = 0; i < b.length; i++) {
            String line;
            if (o[i].equals(t[i]) || t[i].equals(b[i])) {
                line = o[i];
            } else if (o[i].equals(b[i])) {
                line = t[i];
            } else {
                return Optional.empty();
            }
            out.append(line);
            if (i < b.length - 1) {
                out.append('\n');
            }
        }
        return Optional.of(out.toString());
    }

    private static RawText raw(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }
}
