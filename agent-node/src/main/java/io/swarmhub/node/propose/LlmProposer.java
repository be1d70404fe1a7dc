package io.swarmhub.node.propose;

import io.swarmhub.node.Proposal;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.node.ProposalException;
import io.swarmhub.node.Proposer;

/**
 * Asks a chat model for the next change: the prompt holds {@code program.md}, the goal, the lineage,
 * recent outcomes, peers' findings and the editable files; the reply (a diff or SEARCH/REPLACE
 * blocks) becomes whole-file edits. A failed request or an unusable reply is a
 * {@link ProposalException} with the reason, recorded as an INVALID experiment; the next
 * experiment asks again.
 */
public final class LlmProposer implements Proposer {
    private final String name;
    private final ResearchBrief brief;
    private final ChatClient client;
    private final long maxFileBytes;
    private final String secret;
    private final ReplyParser parser;

    /** @param secret the API key, removed from any reason this proposer gives ("" when none) */
    public LlmProposer(String name, ResearchBrief brief, ChatClient client, long maxFileBytes, String secret) {
        this.name = name;
        this.brief = brief;
        this.client = client;
        this.maxFileBytes = maxFileBytes;
        this.secret = secret == null ? "" : secret;
        this.parser = new ReplyParser(brief.paths());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Proposal propose(ProposalContext context) throws ProposalException {
        ChatClient.Reply reply;
        try {
            reply = client.complete(Prompt.SYSTEM, Prompt.forModel(brief, context, maxFileBytes));
        } catch (ChatClient.ChatException e) {
            throw new ProposalException(Secrets.scrub(e.getMessage(), secret));
        }
        try {
            ReplyParser.Parsed parsed = parser.parse(reply.content(), context.readFile());
            return Proposal.ofEdits(parsed.edits(), Secrets.scrub(parsed.description(), secret));
        } catch (ProposalException e) {
            String cut = reply.finishReason().equals("length") ? " (the reply was cut at max_tokens)" : "";
            throw new ProposalException(Secrets.scrub(e.getMessage(), secret) + cut);
        }
    }
}
