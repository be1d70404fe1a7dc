package io.swarmhub.node.propose;

import io.swarmhub.node.CampaignProposers;
import io.swarmhub.node.Experiment;
import io.swarmhub.node.LocalRatchet;
import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.Proposer;
import io.swarmhub.node.ProposerMix;
import io.swarmhub.node.RatchetListener;
import io.swarmhub.node.SwarmView;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A campaign small enough to run a real ratchet in milliseconds: the built-in sphere objective over
 * {@code params.properties} (x0..x3), an editable {@code notes.txt}, a protected {@code eval/} and a
 * {@code program.md}; the proposers are given as YAML.
 */
final class TinyCampaign {
    static final String PARAMS = "x0 = 3\nx1 = 2\nx2 = 1\nx3 = 2\n";

    private TinyCampaign() {
    }

    /** Writes the campaign under {@code dir} and loads it. */
    static Campaign write(Path dir, String proposersYaml) throws Exception {
        Files.createDirectories(dir.resolve("eval"));
        Files.writeString(dir.resolve("params.properties"), PARAMS);
        Files.writeString(dir.resolve("notes.txt"), "notes\n");
        Files.writeString(dir.resolve("eval/secret.txt"), "the judge\n");
        Files.writeString(dir.resolve("program.md"), "# tiny\nBring every x close to zero.\n");
        Files.writeString(dir.resolve("campaign.yaml"), """
                name: tiny
                goal: { metric: objective, direction: minimize }
                workspace: { repo: ., editable: [params.properties, notes.txt], protected: [eval/**, program.md] }
                run: { builtin: bench:sphere, params: params.properties, budget_seconds: 10 }
                proposers:
                """ + proposersYaml);
        return CampaignLoader.load(dir.resolve("campaign.yaml"));
    }

    /** Runs {@code experiments} experiments (the baseline included on a fresh data directory); returns the whole ledger. */
    static List<Experiment> run(Campaign campaign, Path data, long experiments, ProposerMix mix, SwarmView view) {
        try (LocalRatchet local = LocalRatchet.open(campaign, Path.of(campaign.getWorkspace().getRepo()), data,
                new LocalRatchet.Options(experiments, 1, "test"), Clock.systemUTC(), RatchetListener.NONE, l -> l, view, mix)) {
            local.ratchet().run();
            return local.ledger().history();
        }
    }

    /** A proposer named "scripted" that sets one parameter line (a line that is absent proposes nothing). */
    static Proposer set(String line, String value) {
        return new Proposer() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Proposal propose(ProposalContext ctx) {
                String text = ctx.readFile().apply("params.properties").replaceAll("(?m)^" + line + " = .*$", line + " = " + value);
                return Proposal.ofEdits(Map.of("params.properties", text), line + " -> " + value);
            }
        };
    }

    /** A mix of one proposer. */
    static ProposerMix only(Proposer p) {
        return new ProposerMix(List.of(p), List.of(1.0));
    }

    /** Runs with the campaign's own proposers in the given runtime. */
    static List<Experiment> run(Campaign campaign, Path data, long experiments, ProposerRuntime runtime) {
        return run(campaign, data, experiments, CampaignProposers.from(campaign, runtime), SwarmView.SOLO);
    }
}
