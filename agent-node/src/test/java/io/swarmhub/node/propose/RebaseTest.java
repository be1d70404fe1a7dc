package io.swarmhub.node.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.node.ParentPolicy;
import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.Proposer;
import io.swarmhub.node.Ratchet;
import io.swarmhub.node.SwarmView;
import io.swarmhub.node.TextMerge;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebase in a real ratchet (git workspace, sphere objective): a loop that adopts a peer's better
 * finding retries its own superseded improvement on top of it as its next experiment.
 */
class RebaseTest {
    @TempDir
    Path tmp;
    Campaign campaign;

    @BeforeEach
    void setUp() throws Exception {
        campaign = TinyCampaign.write(tmp.resolve("campaign"), "  - kind: crossover\n");
    }

    /** A peer's kept lineage: the baseline, then x0 -> 0 (sphere 0 + 4 + 1 + 4 = 9). */
    private Finding peerFinding() {
        List<Experiment> ledger = TinyCampaign.run(campaign, tmp.resolve("peer"), 2, TinyCampaign.only(TinyCampaign.set("x0", "0")), SwarmView.SOLO);
        Experiment keep = ledger.get(1);
        assertEquals(Status.KEEP, keep.status(), keep.message());
        return new Finding(keep.id(), "tiny", "peer", keep.metric(), keep.description(), keep.lineagePatch(), 0);
    }

    /** This loop keeps x1 -> 0 (9 + 0 + 1 + 4 = 14), then adopts the peer's 9 and runs {@code next} more. */
    private List<Experiment> adoptAfterOwnKeep(Finding peer, TextMerge rebase, Proposer after, int next) {
        ownKeep();
        return adoptAndRun(peer, List.of(), rebase, after, next);
    }

    /** This loop's ledger after its baseline (18) and its own keep x1 -> 0 (14). */
    private List<Experiment> ownKeep() {
        List<Experiment> own = TinyCampaign.run(campaign, tmp.resolve("self"), 2, TinyCampaign.only(TinyCampaign.set("x1", "0")), SwarmView.SOLO);
        assertEquals(Status.KEEP, own.get(1).status());
        assertEquals(14.0, own.get(1).metric());
        return own;
    }

    /** The same loop adopts {@code peer}, hearing of {@code others} too, and runs {@code next} more experiments. */
    private List<Experiment> adoptAndRun(Finding peer, List<Finding> others, TextMerge rebase, Proposer after, int next) {
        ParentPolicy adoptPeer = (c, best) -> best != null && best.metric() > peer.metric() ? Optional.of(peer) : Optional.empty();
        List<Finding> heard = new java.util.ArrayList<>(others);
        heard.add(peer);
        SwarmView view = new SwarmView(adoptPeer, (p, sha) -> false, f -> { }, c -> heard, rebase);
        return TinyCampaign.run(campaign, tmp.resolve("self"), next, TinyCampaign.only(after), view);
    }

    /** A third node's finding: {@code line} changed from {@code from} to {@code to} on {@code parent}, claiming {@code metric}. */
    private static Finding loser(String id, String parent, String line, String from, String to, double metric) {
        String params = TinyCampaign.PARAMS;
        int at = List.of(params.split("\n")).indexOf(line + " = " + from);
        StringBuilder hunk = new StringBuilder();
        String[] lines = params.split("\n");
        for (int i = 0; i < lines.length; i++) {
            hunk.append(i == at ? "-" + lines[i] + "\n+" + line + " = " + to + "\n" : " " + lines[i] + "\n");
        }
        String patch = "diff --git a/params.properties b/params.properties\n--- a/params.properties\n+++ b/params.properties\n"
                + "@@ -1," + lines.length + " +1," + lines.length + " @@\n" + hunk;
        return new Finding(id, "tiny", "third", metric, line + " -> " + to, "", 0, parent, patch);
    }

    @Test
    void adopt_peersImprovementsLostInTheSameRace_areGatheredIntoTheRebase() throws Exception {
        Finding peer = peerFinding();
        Experiment baseline = ownKeep().get(0);
        // Lost to the peer's 9 and to this loop's 14: x2 -> 0 (17) is gathered; x3 -> 0 (14.5 claimed) too, best first.
        Finding x2 = loser("g2", baseline.id(), "x2", "1", "0", 17);
        Finding x3 = loser("g3", baseline.id(), "x3", "2", "0", 14.5);

        List<Experiment> ledger = adoptAndRun(peer, List.of(x2, x3), ThreeWayMerge::merge, TinyCampaign.set("x9", "0"), 1);

        Experiment rebased = ledger.get(2);
        assertEquals(Ratchet.REBASE, rebased.proposer());
        assertTrue(rebased.description().endsWith("; with g3 (third), g2 (third)"), rebased.description());
        assertEquals(Status.KEEP, rebased.status(), rebased.message());
        assertEquals(0.0, rebased.metric(), "x0 from the peer, x1 from this loop, x2 and x3 from the third node");
    }

    @Test
    void adopt_aLoserBetterThanThisLoopsOwn_isLeftToItsOwnNode() throws Exception {
        Finding peer = peerFinding();
        Experiment baseline = ownKeep().get(0);
        Finding better = loser("g2", baseline.id(), "x2", "1", "0", 12); // beats this loop's 14: its node gathers, not this one

        List<Experiment> ledger = adoptAndRun(peer, List.of(better), ThreeWayMerge::merge, TinyCampaign.set("x9", "0"), 1);

        Experiment rebased = ledger.get(2);
        assertEquals("rebase " + ledger.get(1).id() + " onto " + peer.id() + ": x1 -> 0", rebased.description());
        assertEquals(5.0, rebased.metric());
    }

    @Test
    void adopt_aLoserWithAHostileOrBrokenPatch_isSkippedAndTheOwnChangeStillRebased() throws Exception {
        Finding peer = peerFinding();
        Experiment baseline = ownKeep().get(0);
        Finding outside = new Finding("g1", "tiny", "third", 17, "escape", "", 0, baseline.id(),
                "diff --git a/../../escape b/../../escape\n--- a/../../escape\n+++ b/../../escape\n@@ -1 +1 @@\n-x\n+y\n");
        Finding broken = new Finding("g2", "tiny", "third", 16, "broken", "", 0, baseline.id(),
                "diff --git a/params.properties b/params.properties\n--- a/params.properties\n+++ b/params.properties\n"
                        + "@@ -1,99999999999999999999 +1,1 @@\n-x0 = 3\n+x0 = 1\n");

        List<Experiment> ledger = adoptAndRun(peer, List.of(outside, broken), ThreeWayMerge::merge, TinyCampaign.set("x9", "0"), 1);

        Experiment rebased = ledger.get(2);
        assertEquals("rebase " + ledger.get(1).id() + " onto " + peer.id() + ": x1 -> 0", rebased.description());
        assertEquals(Status.KEEP, rebased.status());
        assertEquals(5.0, rebased.metric());
        assertTrue(Files.notExists(tmp.resolve("escape")) && Files.notExists(tmp.getParent().resolve("escape")));
    }

    @Test
    void adopt_gatheredRebaseNotKept_ownChangeIsRetriedAlone() throws Exception {
        Finding peer = peerFinding();
        Experiment baseline = ownKeep().get(0);
        Finding bad = loser("g3", baseline.id(), "x3", "2", "9", 16); // claims 16; with it the merge scores 82

        List<Experiment> ledger = adoptAndRun(peer, List.of(bad), ThreeWayMerge::merge, TinyCampaign.set("x9", "0"), 2);

        assertEquals(Status.DISCARD, ledger.get(2).status());
        assertEquals(82.0, ledger.get(2).metric());
        assertTrue(ledger.get(2).description().endsWith("; with g3 (third)"), ledger.get(2).description());
        Experiment alone = ledger.get(3);
        assertEquals(Ratchet.REBASE, alone.proposer());
        assertEquals(Status.KEEP, alone.status());
        assertEquals(5.0, alone.metric(), "the own change alone on the adopted state");
    }

    @Test
    void adopt_ownImprovementOnAnAdjacentLine_isRetriedOnTopAndKept() throws Exception {
        Finding peer = peerFinding();
        List<Experiment> ledger = adoptAfterOwnKeep(peer, ThreeWayMerge::merge, TinyCampaign.set("x9", "0"), 1);

        assertEquals(3, ledger.size());
        Experiment own = ledger.get(1);
        Experiment rebased = ledger.get(2);
        assertEquals(Ratchet.REBASE, rebased.proposer());
        assertEquals(peer.id(), rebased.parentId(), "built on the adopted finding");
        assertEquals("rebase " + own.id() + " onto " + peer.id() + ": x1 -> 0", rebased.description());
        assertEquals(Status.KEEP, rebased.status(), rebased.message());
        assertEquals(5.0, rebased.metric(), "x0 from the peer and x1 from this loop: 0 + 0 + 1 + 4");
        assertTrue(rebased.patch().contains("-x1 = 2") && rebased.patch().contains("+x1 = 0") && !rebased.patch().contains("+x0") && !rebased.patch().contains("-x0"),
                rebased.patch());
        assertEquals("x0 = 0\nx1 = 0\nx2 = 1\nx3 = 2\n", Files.readString(tmp.resolve("self/workspace/params.properties")));
    }

    @Test
    void adopt_withoutRebase_nextExperimentComesFromTheProposers() throws Exception {
        Finding peer = peerFinding();
        List<Experiment> ledger = adoptAfterOwnKeep(peer, null, TinyCampaign.set("x2", "0"), 1);

        Experiment next = ledger.get(2);
        assertEquals("scripted", next.proposer());
        assertEquals(peer.id(), next.parentId());
        assertEquals("x2 -> 0", next.description());
    }

    @Test
    void adopt_adoptedStateAlreadyHoldsTheOwnChange_noRebaseExperiment() throws Exception {
        // The peer keeps x1 -> 0 (14), then x0 -> 0 (5): its lineage holds this loop's own change already.
        Proposer twoSteps = new Proposer() {
            private int n;

            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Proposal propose(ProposalContext ctx) throws io.swarmhub.node.ProposalException {
                return (n++ == 0 ? TinyCampaign.set("x1", "0") : TinyCampaign.set("x0", "0")).propose(ctx);
            }
        };
        List<Experiment> peerLedger = TinyCampaign.run(campaign, tmp.resolve("peer2"), 3, TinyCampaign.only(twoSteps), SwarmView.SOLO);
        Experiment best = peerLedger.get(2);
        assertEquals(5.0, best.metric());
        Finding peer = new Finding(best.id(), "tiny", "peer", best.metric(), best.description(), best.lineagePatch(), 0);

        List<Experiment> ledger = adoptAfterOwnKeep(peer, ThreeWayMerge::merge, TinyCampaign.set("x3", "0"), 1);

        Experiment next = ledger.get(2);
        assertEquals("scripted", next.proposer(), "nothing to rebase: " + next.description());
        assertEquals("x3 -> 0", next.description());
        assertEquals(1.0, next.metric());
    }

    @Test
    void lineByLine_mergesAdjacentEditsThatGitCallsAConflict() {
        assertEquals(Optional.of("a = 0\nb = 0\nc = 1\n"), ThreeWayMerge.merge("a = 1\nb = 1\nc = 1\n", "a = 0\nb = 1\nc = 1\n",
                "a = 1\nb = 0\nc = 1\n"));
        assertEquals(Optional.empty(), ThreeWayMerge.merge("a = 1\nb = 1\n", "a = 0\nb = 1\n", "a = 2\nb = 1\n"),
                "the same line changed differently");
        assertEquals(Optional.empty(), ThreeWayMerge.lineByLine("a\nb\n", "a\nB\n", "a\nb\nc\n"), "line counts differ");
    }
}
