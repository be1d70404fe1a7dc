package io.swarmhub.node;

/** Produces the next change to try from a parent's code state. */
public interface Proposer {
    /** The proposer's name as recorded with each experiment (e.g. {@code mutation}). */
    String name();

    /** A proposal for a child of {@code context.parent()}; throws when it cannot make one. */
    Proposal propose(ProposalContext context) throws ProposalException;
}
