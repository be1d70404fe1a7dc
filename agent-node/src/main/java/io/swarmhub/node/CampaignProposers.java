package io.swarmhub.node;

import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Parameter;
import io.swarmhub.protocol.v1.ProposerSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds the proposers a campaign declares (the protobuf schema stays at this edge). */
public final class CampaignProposers {
    private CampaignProposers() {
    }

    /** The weighted mix of the campaign's proposers. */
    public static ProposerMix from(Campaign campaign) {
        List<Proposer> proposers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (ProposerSpec spec : campaign.getProposersList()) {
            proposers.add(proposer(spec));
            weights.add(spec.getWeight() > 0 ? spec.getWeight() : 1.0);
        }
        return new ProposerMix(proposers, weights);
    }

    static Proposer proposer(ProposerSpec spec) {
        if (spec.getKind().equals("mutation")) {
            List<ParameterSpec> space = spec.getSpaceList().stream().map(CampaignProposers::parameter).toList();
            return new MutationProposer(spec.getFile(), space, spec.getMaxChanges() > 0 ? spec.getMaxChanges() : 2);
        }
        throw new IllegalArgumentException("proposer kind '" + spec.getKind() + "' is not available on this node");
    }

    static ParameterSpec parameter(Parameter p) {
        ParameterSpec.Kind kind = switch (p.getKind()) {
            case INT -> ParameterSpec.Kind.INT;
            case LOG_FLOAT -> ParameterSpec.Kind.LOG_FLOAT;
            case CHOICE -> ParameterSpec.Kind.CHOICE;
            default -> ParameterSpec.Kind.FLOAT;
        };
        return new ParameterSpec(p.getName(), kind, p.getMin(), p.getMax(), p.getChoicesList());
    }
}
