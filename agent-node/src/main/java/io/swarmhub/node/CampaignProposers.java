package io.swarmhub.node;

import io.swarmhub.node.propose.AgentSettings;
import io.swarmhub.node.propose.CodingAgentProposer;
import io.swarmhub.node.propose.CrossoverProposer;
import io.swarmhub.node.propose.LlmProposer;
import io.swarmhub.node.propose.LlmSettings;
import io.swarmhub.node.propose.OpenAiChatClient;
import io.swarmhub.node.propose.ProposerRuntime;
import io.swarmhub.node.propose.ResearchBrief;
import io.swarmhub.protocol.v1.AgentSpec;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.LlmSpec;
import io.swarmhub.protocol.v1.Parameter;
import io.swarmhub.protocol.v1.ProposerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the proposers a campaign declares (the protobuf schema stays at this edge). */
public final class CampaignProposers {
    static final double DEFAULT_TEMPERATURE = 0.7;
    static final int DEFAULT_MAX_TOKENS = 4096;
    static final double DEFAULT_LLM_TIMEOUT_SECONDS = 120;
    static final int DEFAULT_MAX_RETRIES = 3;
    static final long DEFAULT_MAX_FILE_BYTES = 48 * 1024;
    static final double DEFAULT_AGENT_TIMEOUT_SECONDS = 600;

    private CampaignProposers() {
    }

    /** The weighted mix of the campaign's proposers, with this process's environment and clock. */
    public static ProposerMix from(Campaign campaign) {
        return from(campaign, ProposerRuntime.system());
    }

    /** The weighted mix; throws {@link IllegalArgumentException} naming what this node lacks (an API key). */
    public static ProposerMix from(Campaign campaign, ProposerRuntime runtime) {
        List<String> problems = problems(campaign, runtime);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        List<Proposer> proposers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (ProposerSpec spec : campaign.getProposersList()) {
            proposers.add(proposer(campaign, spec, runtime));
            weights.add(spec.getWeight() > 0 ? spec.getWeight() : 1.0);
        }
        return new ProposerMix(proposers, weights, campaign.getProposerMix().getBandit());
    }

    /** What keeps this node from running the campaign's proposers (e.g. an unset API key variable); empty when nothing. */
    public static List<String> problems(Campaign campaign, ProposerRuntime runtime) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < campaign.getProposersCount(); i++) {
            ProposerSpec spec = campaign.getProposers(i);
            String env = spec.getLlm().getApiKeyEnv();
            if (spec.getKind().equals("llm") && !env.isEmpty() && isBlank(runtime.env(env))) {
                out.add("proposers[" + i + "] (" + nameOf(spec) + "): the API key variable " + env
                        + " is not set on this node; export " + env + "=... before starting, or remove api_key_env"
                        + " for an endpoint that needs no key");
            } else if (!List.of("mutation", "llm", "agent", "crossover").contains(spec.getKind())) {
                out.add("proposers[" + i + "]: proposer kind '" + spec.getKind() + "' is not available on this node");
            }
        }
        return out;
    }

    static Proposer proposer(Campaign campaign, ProposerSpec spec, ProposerRuntime runtime) {
        String name = nameOf(spec);
        return switch (spec.getKind()) {
            case "mutation" -> {
                List<ParameterSpec> space = spec.getSpaceList().stream().map(CampaignProposers::parameter).toList();
                Proposer m = new MutationProposer(spec.getFile(), space, spec.getMaxChanges() > 0 ? spec.getMaxChanges() : 2);
                yield name.equals(m.name()) ? m : renamed(name, m);
            }
            case "llm" -> llm(name, brief(campaign), spec.getLlm(), runtime);
            case "agent" -> new CodingAgentProposer(name, brief(campaign), agent(spec.getAgent()), runtime);
            case "crossover" -> new CrossoverProposer(name, brief(campaign).paths());
            default -> throw new IllegalArgumentException("proposer kind '" + spec.getKind() + "' is not available on this node");
        };
    }

    private static Proposer llm(String name, ResearchBrief brief, LlmSpec spec, ProposerRuntime runtime) {
        int maxTokens = spec.getMaxTokens() > 0 ? spec.getMaxTokens() : DEFAULT_MAX_TOKENS;
        LlmSettings s = new LlmSettings(spec.getBaseUrl(), spec.getModel(), spec.getApiKeyEnv(),
                spec.hasTemperature() ? spec.getTemperature() : DEFAULT_TEMPERATURE, maxTokens,
                seconds(spec.getTimeoutSeconds() > 0 ? spec.getTimeoutSeconds() : DEFAULT_LLM_TIMEOUT_SECONDS),
                spec.getRequestsPerMinute(), spec.hasMaxRetries() ? spec.getMaxRetries() : DEFAULT_MAX_RETRIES,
                spec.getMaxFileBytes() > 0 ? spec.getMaxFileBytes() : DEFAULT_MAX_FILE_BYTES,
                (1L << 20) + 16L * maxTokens);
        String key = s.apiKeyEnv().isEmpty() ? "" : runtime.env(s.apiKeyEnv());
        OpenAiChatClient client = new OpenAiChatClient(s, key, runtime.limiter(s.endpoint() + "|" + s.model(),
                s.requestsPerMinute()), runtime.sleeper(), runtime.clock());
        return new LlmProposer(name, brief, client, s.maxFileBytes(), key);
    }

    private static AgentSettings agent(AgentSpec spec) {
        return new AgentSettings(spec.getCommandList(),
                seconds(spec.getTimeoutSeconds() > 0 ? spec.getTimeoutSeconds() : DEFAULT_AGENT_TIMEOUT_SECONDS),
                spec.getEnvMap(), spec.getPassEnvList());
    }

    /** What the campaign tells proposers that write code. */
    static ResearchBrief brief(Campaign c) {
        return new ResearchBrief(c.getProgramText(), c.getGoal().getMetric(), c.getGoal().getDirection() != Direction.MAXIMIZE,
                c.getRun().getBudgetSeconds(), c.getKeep().getMinDelta(), c.getWorkspace().getEditableList(),
                c.getWorkspace().getProtectedList());
    }

    private static String nameOf(ProposerSpec spec) {
        return spec.getName().isEmpty() ? spec.getKind() : spec.getName();
    }

    private static Proposer renamed(String name, Proposer p) {
        return new Proposer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Proposal propose(ProposalContext context) throws ProposalException {
                return p.propose(context);
            }
        };
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
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
