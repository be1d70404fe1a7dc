package io.swarmhub.node.swarm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link OutboxKillTest}: appends events to an outbox forever, printing each
 * position once {@code append} has returned, and marks older ones delivered now and then, until
 * the test kills it with SIGKILL.
 */
final class OutboxAppender {
    private OutboxAppender() {
    }

    public static void main(String[] args) {
        Outbox outbox = Outbox.open(Path.of(args[0]), new Outbox.Options(4096, false));
        for (long i = 0; ; i++) {
            long position = outbox.append("swarmhub.experiments", "campaign", ("value-" + i).getBytes(StandardCharsets.UTF_8),
                    "id-" + i);
            if (i % 100 == 99) {
                outbox.markDelivered(position - 50);
            }
            System.out.println(position);
            System.out.flush();
        }
    }
}
