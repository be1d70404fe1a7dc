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
        Path data = tmp.resolve("self");
        List<Experiment> own = TinyCampaign.run(campaign, data, 2, TinyCampaign.only(TinyCampaign.set("x1", "0")), SwarmView.SOLO);
        assertEquals(Status.KEEP, own.get(1).status());
        assertEquals(14.0, own.get(1).metric());
        ParentPolicy adoptPeer = (c, best) -> best != null && best.metric() > peer.metric() ? Optional.of(peer) : Optional.empty();
        SwarmView view = new SwarmView(adoptPeer, (p, sha) -> false, f -> { }, c -> List.of(peer), rebase);
        return TinyCampaign.run(campaign, data, next, TinyCampaign.only(after), view);
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
