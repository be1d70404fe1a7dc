package io.swarmhub.protocol.kafka;

/**
 * Header names on records forwarded to {@link Topics#DEAD_LETTER}. The record's key and value
 * are copied unchanged; these headers say where it came from and why it was skipped.
 */
public final class DeadLetter {
    /** Topic the record was read from (UTF-8). */
    public static final String SOURCE_TOPIC = "swarmhub.source.topic";
    /** Partition it was read from (decimal, UTF-8). */
    public static final String SOURCE_PARTITION = "swarmhub.source.partition";
    /** Offset it was read from (decimal, UTF-8). */
    public static final String SOURCE_OFFSET = "swarmhub.source.offset";
    /** Why the consumer skipped it (UTF-8). */
    public static final String ERROR = "swarmhub.error";

    private DeadLetter() {
    }
}
