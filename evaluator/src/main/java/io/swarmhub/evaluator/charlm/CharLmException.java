package io.swarmhub.evaluator.charlm;

/** A reason the experiment cannot go on; {@link CharLmMain} prints it as the CRASH reason and exits 1. */
final class CharLmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CharLmException(String message) {
        super(message);
    }

    CharLmException(String message, Throwable cause) {
        super(message, cause);
    }
}
