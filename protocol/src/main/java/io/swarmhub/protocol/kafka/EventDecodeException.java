package io.swarmhub.protocol.kafka;

/**
 * A record value that is not a readable event: not protobuf, the wrong message, or a schema
 * version this reader does not know. Consumers forward such records to the dead-letter topic.
 */
public final class EventDecodeException extends RuntimeException {
    public EventDecodeException(String message) {
        super(message);
    }

    public EventDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
