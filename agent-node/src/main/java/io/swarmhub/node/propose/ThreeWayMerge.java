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

/** git's line-based three-way merge of one file's text (JGit's merge algorithm, histogram diff). */
final class ThreeWayMerge {
    private ThreeWayMerge() {
    }

    /** The merged text, or empty when both sides changed the same lines differently. */
    static Optional<String> merge(String base, String ours, String theirs) {
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = algorithm.merge(RawTextComparator.DEFAULT, raw(base), raw(ours), raw(theirs));
        if (result.containsConflicts()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    private static RawText raw(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }
}
