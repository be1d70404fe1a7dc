package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading metrics and the tail back from the log file. */
class RunLogTest {
    @TempDir
    Path dir;

    @Test
    void tail_keepsLastFortyLines() {
        RunLog log = new RunLog(dir.resolve("a.log"));
        log.open();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append("line ").append(i).append('\n');
        }
        log.append(text.toString());

        String tail = log.tail(0);

        assertEquals(40, tail.lines().count());
        assertTrue(tail.startsWith("line 61\n"), tail);
        assertTrue(tail.endsWith("line 100\n"), tail);
    }

    @Test
    void tail_keepsLastFourKilobytesOfLongLines() {
        RunLog log = new RunLog(dir.resolve("a.log"));
        log.open();
        log.append(("x".repeat(1000) + "\n").repeat(10) + "end\n");

        String tail = log.tail(0);

        assertTrue(tail.length() <= RunLog.TAIL_BYTES, "tail of " + tail.length());
        assertTrue(tail.endsWith("end\n"));
        assertTrue(tail.startsWith("x"), "starts at a whole line");
    }

    @Test
    void tail_startsAtTheGivenOffset() {
        RunLog log = new RunLog(dir.resolve("a.log"));
        log.open();
        log.append("before\n");
        long from = log.size();
        log.append("after\n");

        assertEquals("after\n", log.tail(from));
    }

    @Test
    void metrics_readsOnlyTheRangeAndSkipsOverlongLines() throws IOException {
        Path file = dir.resolve("deep/a.log");
        RunLog log = new RunLog(file);
        assertEquals(0, log.open());
        log.append("val_bpb: 9\n");
        long from = log.size();
        log.append("x".repeat(200_000) + "\nval_bpb: 0.5\r\nsteps: 7");
        Files.writeString(file, "\nlate: 1\n", java.nio.file.StandardOpenOption.APPEND);
        long to = log.size() - "late: 1\n".length();

        Map<String, Double> m = log.metrics(from, to);

        assertEquals(Map.of("val_bpb", 0.5, "steps", 7.0), m);
    }
}
