package io.swarmhub.node;

import java.util.Optional;

/** A three-way merge of one file's text; empty when both sides changed the same lines differently. */
@FunctionalInterface
public interface TextMerge {
    Optional<String> merge(String base, String ours, String theirs);
}
