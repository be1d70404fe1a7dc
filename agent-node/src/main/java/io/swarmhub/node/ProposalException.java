package io.swarmhub.node;

/** A proposer could not make a proposal; recorded as an INVALID experiment with this reason. */
public final class ProposalException extends Exception {
    public ProposalException(String reason) {
        super(reason);
    }
}
