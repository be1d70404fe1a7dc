package io.swarmhub.coordinator.projection;

/** The log could not take or confirm a write in time (Kafka unreachable or slow). */
public final class LogUnavailableException extends RuntimeException {
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
