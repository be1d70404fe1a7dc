package io.swarmhub.node.propose;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.ProposalException;
import io.swarmhub.node.Proposer;
import io.swarmhub.protocol.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Combines the parent's lineage with another kept lineage (a peer's finding, or one of this node's
 * own earlier keeps on another branch): a three-way merge of each file from the campaign base, the
 * common ancestor of every lineage. Lineages are tried in random order; the first that merges
 * cleanly and adds something wins. When every candidate conflicts, the proposal fails with the
 * conflict (recorded as INVALID); when there is nothing to combine yet, the proposal is empty and
 * the loop records nothing.
 */
public final class CrossoverProposer implements Proposer {
    private final String name;
    private final EditablePaths paths;

    public CrossoverProposer(String name, EditablePaths paths) {
        this.name = name;
        this.paths = paths;
    }

    @Override
    public String name() {
        return name;
    }

    /** A kept lineage to combine with: who made it and its whole change from the base. */
    private record Mate(String id, String node, String description, String lineagePatch) {
    }

    /** This pair cannot be combined. */
    private static final class Conflict extends Exception {
        Conflict(String message) {
            super(message);
        }
    }

    @Override
    public Proposal propose(ProposalContext ctx) throws ProposalException {
        List<Mate> mates = mates(ctx);
        Collections.shuffle(mates, ctx.random());
        String conflict = null;
        int conflicts = 0;
        for (Mate m : mates) {
            try {
                Map<String, String> edits = combine(ctx, m);
                if (!edits.isEmpty()) {
                    return Proposal.ofEdits(edits, "crossover with " + m.id() + (m.node().isEmpty() ? "" : " from " + m.node())
                            + ": " + m.description());
                }
            } catch (Conflict c) {
                conflict = conflict == null ? c.getMessage() : conflict;
                conflicts++;
            }
        }
        if (conflict != null) {
            throw new ProposalException(conflict + (conflicts > 1 ? " (and " + (conflicts - 1) + " other lineages conflict too)" : ""));
        }
        return Proposal.ofEdits(Map.of(), "");
    }

    private static List<Mate> mates(ProposalContext ctx) {
        Experiment parent = ctx.parent();
        String parentId = parent == null ? "" : parent.id();
        String parentPatch = parent == null ? "" : parent.lineagePatch();
        Map<String, Mate> byPatch = new LinkedHashMap<>();
        for (Finding f : ctx.findings()) {
            byPatch.putIfAbsent(f.lineagePatch(), new Mate(f.id(), f.node(), f.description(), f.lineagePatch()));
        }
        for (Experiment e : ctx.recent()) {
            if (e.status() == Status.KEEP) {
                byPatch.putIfAbsent(e.lineagePatch(), new Mate(e.id(), e.node(), e.description(), e.lineagePatch()));
            }
        }
        Set<String> ancestors = new HashSet<>();
        ctx.lineage().forEach(e -> ancestors.add(e.id()));
        List<Mate> out = new ArrayList<>();
        for (Mate m : byPatch.values()) {
            // An ancestor of the parent adds nothing, and merging it from the base would conflict with later edits.
            if (!m.lineagePatch().isBlank() && !m.id().equals(parentId) && !ancestors.contains(m.id())
                    && !m.lineagePatch().equals(parentPatch)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The files of the parent's state merged with the mate's lineage; only those that change. */
    private Map<String, String> combine(ProposalContext ctx, Mate mate) throws Conflict {
        Map<String, String> edits = new LinkedHashMap<>();
        for (TextPatch.FilePatch fp : TextPatch.parse(mate.lineagePatch())) {
            String path = fp.path();
            if (!paths.allows(path)) {
                throw new Conflict("lineage " + mate.id() + " changes " + path + ", which is not editable here");
            }
            String base = ctx.readBaseFile().apply(fp.oldPath() != null ? fp.oldPath() : path);
            String theirs;
            try {
                theirs = fp.deletes() ? null : TextPatch.apply(base, fp);
            } catch (ProposalException e) {
                throw new Conflict("lineage " + mate.id() + " does not apply to the campaign base: " + e.getMessage());
            }
            String ours = ctx.readFile().apply(path);
            if (Objects.equals(theirs, ours) || Objects.equals(theirs, base)) {
                continue; // already here, or nothing of theirs
            }
            String merged;
            if (Objects.equals(ours, base)) {
                merged = theirs;
            } else if (ours == null || base == null || theirs == null) {
                throw new Conflict("conflict in " + path + " with lineage " + mate.id() + ": one side adds or deletes the file");
            } else {
                Optional<String> m = ThreeWayMerge.merge(base, ours, theirs);
                if (m.isEmpty()) {
                    throw new Conflict("conflict in " + path + " with lineage " + mate.id()
                            + ": both changed the same lines");
                }
                merged = m.get();
            }
            if (merged == null) {
                throw new Conflict("lineage " + mate.id() + " deletes " + path + "; crossover does not delete files");
            }
            if (!merged.equals(ours)) {
                edits.put(path, merged);
            }
        }
        return edits;
    }
}
