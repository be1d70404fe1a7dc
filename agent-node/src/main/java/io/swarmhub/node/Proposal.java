package io.swarmhub.node;

import java.util.Map;

/**
 * A proposed change: either whole new contents for some files ({@code edits}) or a unified
 * diff ({@code patch}), with a one-line description written like a researcher's note.
 */
public record Proposal(Map<String, String> edits, String patch, String description) {
    public Proposal {
        edits = edits == null ? Map.of() : Map.copyOf(edits);
        patch = patch == null ? "" : patch;
        description = description == null ? "" : description;
    }

    /** A proposal that rewrites files. */
    public static Proposal ofEdits(Map<String, String> edits, String description) {
        return new Proposal(edits, "", description);
    }
}
