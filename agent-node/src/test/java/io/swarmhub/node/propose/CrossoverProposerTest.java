package io.swarmhub.node.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.node.ParentPolicy;
import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.SwarmView;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crossover of two kept lineages in a real ratchet: a clean three-way merge, and a conflict. */
class CrossoverProposerTest {
    @TempDir
    Path tmp;
    Campaign campaign;
    final CrossoverProposer crossover = new CrossoverProposer("crossover",
            new EditablePaths(List.of("params.properties", "notes.txt"), List.of("eval/**")));

    @BeforeEach
    void setUp() throws Exception {
        campaign = TinyCampaign.write(tmp.resolve("campaign"), "  - kind: crossover\n");
    }

    /** A kept lineage of another node: the baseline, then one edit. */
    private Finding peerFinding(String line, String value) {
        List<Experiment> ledger = TinyCampaign.run(campaign, tmp.resolve("peer"), 2, TinyCampaign.only(TinyCampaign.set(line, value)), SwarmView.SOLO);
        Experiment keep = ledger.get(1);
        assertEquals(Status.KEEP, keep.status(), keep.message());
        return new Finding(keep.id(), "tiny", "peer", keep.metric(), keep.description(), keep.lineagePatch(), 0);
    }

    private List<Experiment> crossWith(Finding f) {
        Path data = tmp.resolve("self");
        TinyCampaign.run(campaign, data, 2, TinyCampaign.only(TinyCampaign.set("x0", "0")), SwarmView.SOLO);
        SwarmView view = new SwarmView(ParentPolicy.ownBest(), (p, sha) -> false, x -> { }, c -> List.of(f));
        return TinyCampaign.run(campaign, data, 1, TinyCampaign.only(crossover), view);
    }

    @Test
    void propose_mergesTwoLineagesCleanly() throws Exception {
        Finding peer = peerFinding("x3", "0");
        List<Experiment> ledger = crossWith(peer);
        assertEquals(3, ledger.size());
        Experiment e = ledger.get(2);
        assertEquals("crossover", e.proposer());
        assertEquals(ledger.get(1).id(), e.parentId(), "the node's best is one side of the merge");
        assertEquals(Status.KEEP, e.status(), e.message());
        assertEquals("crossover with " + peer.id() + " from peer: x3 -> 0", e.description());
        assertTrue(e.patch().contains("-x3 = 2") && e.patch().contains("+x3 = 0") && !e.patch().contains("+x0"), e.patch());
        assertEquals(5.0, e.metric(), "x0 from this node and x3 from the peer: 0 + 4 + 1 + 0");
        assertTrue(e.lineagePatch().contains("+x0 = 0") && e.lineagePatch().contains("+x3 = 0"));
        assertEquals("x0 = 0\nx1 = 2\nx2 = 1\nx3 = 0\n",
                Files.readString(tmp.resolve("self/workspace/params.properties")));
    }

    @Test
    void propose_conflictIsRecordedAsInvalid() throws Exception {
        Finding peer = peerFinding("x0", "1");
        List<Experiment> ledger = crossWith(peer);
        Experiment e = ledger.get(2);
        assertEquals(Status.INVALID, e.status());
        assertTrue(e.message().contains("conflict in params.properties with lineage " + peer.id()), e.message());
        assertTrue(e.message().contains("both changed the same lines"), e.message());
    }

    @Test
    void propose_skipsConflictsAndUsesAnotherLineage() throws Exception {
        Finding conflicting = new Finding("c", "tiny", "n1", 1, "x0 -> 1",
                "--- a/params.properties\n+++ b/params.properties\n@@ -1 +1 @@\n-x0 = 3\n+x0 = 1\n", 0);
        Finding clean = new Finding("k", "tiny", "n2", 1, "x2 -> 0",
                "--- a/params.properties\n+++ b/params.properties\n@@ -3 +3 @@\n-x2 = 1\n+x2 = 0\n", 0);
        Map<String, String> base = Map.of("params.properties", TinyCampaign.PARAMS);
        Map<String, String> ours = Map.of("params.properties", TinyCampaign.PARAMS.replace("x0 = 3", "x0 = 0"));
        for (long seed = 0; seed < 10; seed++) {
            ProposalContext ctx = new ProposalContext(null, ours::get, List.of(), new Random(seed), List.of(),
                    List.of(conflicting, clean), base::get, List::of, null);
            Proposal p = crossover.propose(ctx);
            assertEquals("x0 = 0\nx1 = 2\nx2 = 0\nx3 = 2\n", p.edits().get("params.properties"));
            assertTrue(p.description().startsWith("crossover with k from n2"));
        }
    }

    @Test
    void propose_nothingToCombineIsAnEmptyProposal() throws Exception {
        Map<String, String> files = Map.of("params.properties", TinyCampaign.PARAMS);
        Finding sameAsParent = new Finding("s", "tiny", "n", 1, "nothing new", "", 0);
        ProposalContext ctx = new ProposalContext(null, files::get, List.of(), new Random(1), List.of(),
                List.of(sameAsParent), files::get, List::of, null);
        Proposal p = crossover.propose(ctx);
        assertTrue(p.edits().isEmpty() && p.patch().isEmpty());
    }

    @Test
    void propose_ancestorsOfTheParentAreNotMates() throws Exception {
        String ancestorPatch = "--- a/params.properties\n+++ b/params.properties\n@@ -1 +1 @@\n-x0 = 3\n+x0 = 1\n";
        Experiment ancestor = new Experiment("a", "base", "tiny", "self", "scripted", "x0 -> 1", ancestorPatch, Status.KEEP,
                null, 10, 0, 0, 0, "c1", "", "", ancestorPatch);
        Experiment parent = new Experiment("p", "a", "tiny", "self", "scripted", "x0 -> 2", "", Status.KEEP,
                null, 8, 0, 0, 0, "c2", "", "", ancestorPatch.replace("+x0 = 1", "+x0 = 2"));
        Map<String, String> base = Map.of("params.properties", TinyCampaign.PARAMS);
        Map<String, String> ours = Map.of("params.properties", TinyCampaign.PARAMS.replace("x0 = 3", "x0 = 2"));
        ProposalContext ctx = new ProposalContext(parent, ours::get, List.of(ancestor, parent), new Random(1),
                List.of(ancestor, parent), List.of(), base::get, List::of, null);
        Proposal p = crossover.propose(ctx);
        assertTrue(p.edits().isEmpty(), "merging an ancestor from the base would report a false conflict");
    }

    @Test
    void merge_keepsTrailingNewlines() {
        assertEquals(Optional.of("A\nb\nC\n"), ThreeWayMerge.merge("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n"));
        assertEquals(Optional.of("A\nb\nC"), ThreeWayMerge.merge("a\nb\nc", "A\nb\nc", "a\nb\nC"));
        assertEquals(Optional.empty(), ThreeWayMerge.merge("a\n", "b\n", "c\n"));
    }
}
