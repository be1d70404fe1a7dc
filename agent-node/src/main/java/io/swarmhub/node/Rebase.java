package io.swarmhub.node;

import io.swarmhub.node.propose.TextPatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Improvements an adoption superseded, merged onto the adopted state and tried as one experiment.
 *
 * <p>When several nodes improve the same parent at once, only the best of their findings is
 * adopted; the others would be lost. The loop that adopts retries its own superseded improvement
 * on top of the adopted state, and, when its own was the best of those lost, also gathers the
 * lost improvements of peers whose findings are worse than its own. So of the nodes that lost,
 * the best one tries all the losers' changes together, the next one all but the best, and so on:
 * no two nodes try the same merge, and a round of concurrent improvements can be recombined in
 * one experiment instead of one per round. Each file is a three-way merge of the change's parent
 * text (base), the adopted text (ours) and the change's text (theirs); a peer whose change
 * conflicts, or is already in the adopted state, is left out. If a merge with peers is not kept,
 * the loop's own improvement is retried alone next. The judge decides as for any experiment.
 */
final class Rebase {
    /** One rebase experiment: its proposal, the loop's own change in it, and whether peers' changes are in it. */
    record Candidate(Proposal proposal, Experiment own, boolean withPeers) {
    }

    private final TextMerge merge;
    private final String node;
    private final KeepRule rule;
    private final Set<String> gathered = new HashSet<>();
    private Experiment own;
    private boolean peers;

    Rebase(TextMerge merge, String node, KeepRule rule) {
        this.merge = merge;
        this.node = node;
        this.rule = rule;
    }

    /**
     * The loop adopted a finding and left {@code previous} (its best until then, null before it had
     * one): when that was an improvement of this loop's own, it is rebased next, with peers.
     */
    void adopted(Experiment previous) {
        // A best is always a KEEP; an adopted one is another node's, the baseline has no patch.
        own = previous != null && node.equals(previous.node()) && !previous.patch().isBlank() ? previous : null;
        peers = true;
    }

    /** The judge's verdict on {@code candidate}: a merge with peers that was not kept is retried without them. */
    void judged(Candidate candidate, boolean kept) {
        if (!kept && candidate.withPeers()) {
            own = candidate.own();
            peers = false;
        }
    }

    /**
     * The next rebase experiment on the state the loop now holds ({@code adopted}, read through
     * {@code workspace}), or empty when there is nothing to rebase or the own change conflicts.
     * {@code kept} maps ids to the kept states this loop knows (their commits are readable);
     * {@code recent} are the campaign's recent findings.
     */
    Optional<Candidate> next(Experiment adopted, Map<String, Experiment> kept, List<Finding> recent,
                             ExperimentWorkspace workspace) {
        Experiment mine = own;
        boolean withPeers = peers;
        own = null;
        if (mine == null) {
            return Optional.empty();
        }
        Experiment parent = kept.get(mine.parentId());
        Map<String, String> edits = new LinkedHashMap<>();
        try {
            if (parent == null || parent.commit().isEmpty()
                    || !mergeInto(edits, workspace, parent.commit(), TextPatch.parse(mine.patch()))) {
                return Optional.empty();
            }
            List<String> with = new ArrayList<>();
            if (withPeers) {
                for (Finding f : losers(mine, adopted, kept, recent)) {
                    gathered.add(f.id());
                    Map<String, String> trial = new LinkedHashMap<>(edits);
                    if (mergedPeer(trial, workspace, kept.get(f.parentId()).commit(), f) && !trial.equals(edits)) {
                        edits = trial;
                        with.add(f.id() + " (" + f.node() + ")");
                    }
                }
            }
            edits.entrySet().removeIf(e -> e.getValue().equals(workspace.read(e.getKey())));
            if (edits.isEmpty()) {
                return Optional.empty();
            }
            String description = "rebase " + mine.id() + " onto " + adopted.id() + ": " + mine.description()
                    + (with.isEmpty() ? "" : "; with " + String.join(", ", with));
            return Optional.of(new Candidate(Proposal.ofEdits(edits, description), mine, !with.isEmpty()));
        } catch (WorkspaceException | UnsupportedOperationException | ProposalException e) {
            return Optional.empty();
        }
    }

    /**
     * Peers' findings this loop's superseded improvement beat but the adopted one also beat, best
     * first: improvements lost in the same race, whose parent state this loop knows.
     */
    private List<Finding> losers(Experiment mine, Experiment adopted, Map<String, Experiment> kept, List<Finding> recent) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : recent) {
            Experiment parent = kept.get(f.parentId());
            if (!f.node().equals(node) && !f.id().equals(adopted.id()) && !kept.containsKey(f.id()) && !gathered.contains(f.id())
                    && !f.patch().isBlank() && parent != null && !parent.commit().isEmpty()
                    && rule.better(mine.metric(), f.metric()) && rule.better(adopted.metric(), f.metric())) {
                out.add(f);
            }
        }
        out.sort((a, b) -> rule.better(a.metric(), b.metric()) ? -1 : rule.better(b.metric(), a.metric()) ? 1 : a.id().compareTo(b.id()));
        return out;
    }

    /** A peer's change merged into {@code edits}; false (nothing to take from it) when it conflicts or does not parse. */
    private boolean mergedPeer(Map<String, String> edits, ExperimentWorkspace workspace, String parentCommit, Finding f) {
        try {
            return mergeInto(edits, workspace, parentCommit, TextPatch.parse(f.patch()));
        } catch (RuntimeException | ProposalException e) {
            return false; // a peer's malformed or hostile patch costs this loop nothing but the peer's change
        }
    }

    /**
     * Merges one change (its files' patches against the state at {@code parentCommit}) into
     * {@code edits} (path to text; a path not in it reads from the workspace). False when a file
     * is added, deleted or missing, or the merge conflicts; {@code edits} is then partly written.
     */
    private boolean mergeInto(Map<String, String> edits, ExperimentWorkspace workspace, String parentCommit,
                              List<TextPatch.FilePatch> files) throws ProposalException {
        for (TextPatch.FilePatch file : files) {
            if (file.creates() || file.deletes()) {
                return false;
            }
            String path = file.path();
            String base = workspace.readAt(parentCommit, path);
            String ours = edits.containsKey(path) ? edits.get(path) : workspace.read(path);
            if (base == null || ours == null) {
                return false;
            }
            String theirs = TextPatch.apply(base, file);
            Optional<String> merged = merge.merge(base, ours, theirs);
            if (merged.isEmpty()) {
                return false;
            }
            edits.put(path, merged.get());
        }
        return true;
    }
}
