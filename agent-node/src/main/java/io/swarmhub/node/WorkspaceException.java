package io.swarmhub.node;

/** A workspace operation failed (a patch that does not apply, a broken repository, a full disk). */
public final class WorkspaceException extends RuntimeException {
    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }

    public WorkspaceException(String message) {
        super(message);
    }
}
