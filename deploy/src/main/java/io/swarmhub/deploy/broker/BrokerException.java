package io.swarmhub.deploy.broker;

/**
 * The embedded Kafka broker could not be started or reached. The message is one line meant for
 * the user as is (it names the port, data directory or log file and what to do); the CLI prints
 * it without a stack trace.
 */
public final class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
