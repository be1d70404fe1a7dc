package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutationProposerTest {
    static final String FILE = "lr = 0.004\ndepth = 4\nx = 0.5\nact = relu\n";
    static final List<ParameterSpec> SPACE = List.of(
            new ParameterSpec("lr", ParameterSpec.Kind.LOG_FLOAT, 1e-4, 1e-1, null),
            new ParameterSpec("depth", ParameterSpec.Kind.INT, 1, 8, null),
            new ParameterSpec("x", ParameterSpec.Kind.FLOAT, -1, 1, null),
            new ParameterSpec("act", ParameterSpec.Kind.CHOICE, 0, 0, List.of("relu", "gelu", "tanh")));

    private static Proposal propose(long seed) throws ProposalException {
        return new MutationProposer("train.properties", SPACE, 3)
                .propose(new ProposalContext(null, p -> FILE, List.of(), new Random(seed)));
    }

    @Test
    void propose_sameSeedSameProposal() throws Exception {
        assertEquals(propose(42), propose(42));
        assertNotEquals(propose(42).edits(), propose(43).edits());
    }

    @Test
    void propose_staysInBoundsAndChangesSomething() throws Exception {
        for (long seed = 0; seed < 500; seed++) {
            Proposal p = propose(seed);
            String out = p.edits().get("train.properties");
            Map<String, String> v = ParameterText.values(out);
            double lr = Double.parseDouble(v.get("lr"));
            long depth = Long.parseLong(v.get("depth"));
            double x = Double.parseDouble(v.get("x"));
            assertTrue(lr >= 1e-4 && lr <= 1e-1, out);
            assertTrue(depth >= 1 && depth <= 8, out);
            assertTrue(x >= -1 && x <= 1, out);
            assertTrue(List.of("relu", "gelu", "tanh").contains(v.get("act")), out);
            assertNotEquals(FILE, out);
            int changed = p.description().split(", ").length;
            assertTrue(changed >= 1 && changed <= 3, p.description());
        }
    }

    @Test
    void propose_describesLikeAResearcher() throws Exception {
        Proposal p = propose(7);
        assertTrue(p.description().matches("(\\w+ \\S+ -> \\S+)(, \\w+ \\S+ -> \\S+)*"), p.description());
    }

    @Test
    void propose_missingParameterLine() {
        MutationProposer m = new MutationProposer("f", List.of(new ParameterSpec("nope", ParameterSpec.Kind.INT, 0, 3, null)), 1);
        ProposalException e = assertThrows(ProposalException.class,
                () -> m.propose(new ProposalContext(null, p -> FILE, List.of(), new Random(1))));
        assertTrue(e.getMessage().contains("nope"));
    }
}
