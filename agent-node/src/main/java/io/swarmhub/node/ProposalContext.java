package io.swarmhub.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a proposer may look at: the parent experiment, the parent's files (read-only), the
 * recent history of the loop, and a seeded random source; for proposers that need more, the kept
 * experiments along the parent's lineage (oldest first, the parent last), recent findings of peers, the campaign
 * base's files, the list of files at the parent's state, and the workspace directory (read-only:
 * copy it, never change it; null where the loop has none).
 */
public record ProposalContext(Experiment parent, Function<String, String> readFile, List<Experiment> recent,
                              Random random, List<Experiment> lineage, List<Finding> findings,
                              Function<String, String> readBaseFile, Supplier<List<String>> files,
                              Path workspaceDir) {
    public ProposalContext {
        recent = recent == null ? List.of() : List.copyOf(recent);
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
        findings = findings == null ? List.of() : List.copyOf(findings);
        readBaseFile = readBaseFile == null ? path -> null : readBaseFile;
        files = files == null ? List::of : files;
    }

    /** A context with the parent's files and the loop's history only. */
    public ProposalContext(Experiment parent, Function<String, String> readFile, List<Experiment> recent, Random random) {
        this(parent, readFile, recent, random, null, null, null, null, null);
    }
}
