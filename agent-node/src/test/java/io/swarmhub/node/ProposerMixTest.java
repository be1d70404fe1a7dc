package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProposerMixTest {
    private static Proposer named(String name) {
        return new Proposer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Proposal propose(ProposalContext context) {
                throw new UnsupportedOperationException("not called");
            }
        };
    }

    private static double shareOfFirst(ProposerMix mix, int picks, Random random) {
        int first = 0;
        for (int i = 0; i < picks; i++) {
            if (mix.pick(random).name().equals("good")) {
                first++;
            }
        }
        return (double) first / picks;
    }

    @Test
    void pick_fixedWeights_followsWeightsWhateverTheOutcomes() {
        ProposerMix mix = new ProposerMix(List.of(named("good"), named("bad")), List.of(1.0, 3.0));
        for (int i = 0; i < 100; i++) {
            mix.record("good", true);
            mix.record("bad", false);
        }
        double share = shareOfFirst(mix, 20_000, new Random(1));
        assertEquals(0.25, share, 0.02);
    }

    @Test
    void pick_bandit_favoursTheProposerThatKeeps() {
        ProposerMix mix = new ProposerMix(List.of(named("good"), named("bad")), List.of(1.0, 1.0), true);
        Random random = new Random(7);
        assertEquals(0.5, shareOfFirst(mix, 10_000, random), 0.03, "no outcomes yet: the weights alone");
        for (int i = 0; i < 50; i++) {
            mix.record("good", i % 2 == 0); // keeps half the time
            mix.record("bad", i % 25 == 0); // keeps 4% of the time
        }
        double share = shareOfFirst(mix, 10_000, random);
        assertTrue(share > 0.85 && share < 0.99, "good gets most turns but bad is not starved: " + share);
    }

    @Test
    void record_unknownProposer_isIgnored() {
        ProposerMix mix = new ProposerMix(List.of(named("good"), named("bad")), List.of(1.0, 1.0), true);
        for (int i = 0; i < 100; i++) {
            mix.record("baseline", true);
        }
        assertEquals(0.5, shareOfFirst(mix, 10_000, new Random(3)), 0.03);
    }

    @Test
    void betaSample_hasTheBetaMean() {
        Random random = new Random(11);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double x = ProposerMix.Beta.sample(3, 9, random);
            assertTrue(x > 0 && x < 1);
            sum += x;
        }
        assertEquals(0.25, sum / n, 0.005);
    }

    @Test
    void constructor_badWeights_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ProposerMix(List.of(named("a")), List.of(0.0)));
        assertThrows(IllegalArgumentException.class, () -> new ProposerMix(List.of(named("a")), List.of(1.0, 2.0)));
    }
}
