package io.swarmhub.deploy.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BrokerCommandTest {

    @Test
    void call_portInUse_printsOneLineAndFails(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err))
                    .execute("--data-dir", dir.toString(), "--port", String.valueOf(taken.getLocalPort()));

            assertEquals(1, code);
        }
        String message = err.toString().strip();
        assertTrue(message.contains("already in use"), message);
        assertFalse(message.contains("\n"), "one line, no stack trace: " + message);
    }

    @Test
    void call_brokerStarts_printsReadyLineAndExitsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        FirstLine out = new FirstLine();
        CommandLine cli = new CommandLine(new BrokerCommand()).setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("--data-dir", dir.toString(), "--port", "0"));

        String ready = out.line.get(60, TimeUnit.SECONDS);
        assertTrue(ready.matches("Kafka broker \\(KRaft\\) ready at 127\\.0\\.0\\.1:\\d+, data in .+"), ready);
        assertTrue(ready.endsWith("data in " + dir.toAbsolutePath().normalize()), ready);

        // What a Ctrl-C or a service manager does: signal the broker, the command returns 0.
        ProcessHandle broker = ProcessHandle.current().children()
                .filter(p -> !before.contains(p)).findFirst().orElseThrow();
        broker.destroy();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertFalse(broker.isAlive());
    }

    /** Completes {@link #line} with the first line written to it. */
    private static final class FirstLine extends Writer {
        final CompletableFuture<String> line = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
            int newline = text.indexOf(System.lineSeparator());
            if (newline >= 0) {
                line.complete(text.substring(0, newline));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
