package io.swarmhub.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * A small version of {@code swarm bench swarm} (all three parts on a real embedded broker), so the
 * benchmark whose figures docs/benchmarks.md reports keeps working. The figures themselves are
 * not asserted beyond sanity: this machine's speed is not the suite's business.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SwarmBenchTest {
    @Test
    void allParts_smallRun_everyPartReportsCompleteFigures() throws Exception {
        SwarmBench bench = new SwarmBench();
        new CommandLine(bench).parseArgs("--events", "3000", "--rounds", "2", "--nodes", "3", "--findings", "20",
                "--seeds", "1", "--target", "150", "--max-seconds", "60", "--cost-ms", "20", "--warmup-seconds", "2",
                "--campaign", demoCampaign().toString());

        String out = stdoutOf(bench);

        assertTrue(out.contains("ingest live, round 1: 3000 events") && out.contains("(3000 in tree)"), out);
        assertTrue(out.contains("ingest live, round 2: 3000 events"), out);
        assertTrue(out.contains("ingest live: rounds 2-2 (warm): median"), out);
        assertTrue(out.contains("a new coordinator rebuilt 6000 experiments from the log"), out);
        assertTrue(out.contains("gossip: 20/20 findings reached all 3 nodes"), out);
        Matcher reached = Pattern.compile("race (1 node|3 isolated|3 no-rebase|3 gossiping) +reached 1/1").matcher(out);
        int configs = 0;
        while (reached.find()) {
            configs++;
        }
        assertEquals(4, configs, "each race configuration reaches the easy target:\n" + out);
        assertTrue(out.contains("race: speed-up of 3 gossiping over 1 node"), out);
    }

    @Test
    void race_someSetups_racesOnlyThoseAndComparesTheLastWithTheOthers() throws Exception {
        SwarmBench bench = new SwarmBench();
        new CommandLine(bench).parseArgs("--part", "race", "--nodes", "2", "--seeds", "1", "--target", "150", "--max-seconds", "60",
                "--cost-ms", "20", "--warmup-seconds", "0", "--setups", "one,no-rebase", "--campaign", demoCampaign().toString());

        String out = stdoutOf(bench);

        assertTrue(out.contains("race 1 node       reached 1/1") && out.contains("race 2 no-rebase  reached 1/1"), out);
        assertFalse(out.contains("isolated") || out.contains("gossiping"), out);
        assertTrue(out.contains("race: speed-up of 2 no-rebase over 1 node"), out);
    }

    @Test
    void race_unknownSetup_rejectedBeforeAnythingStarts() {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.swarmhub.deploy.SwarmCli.execute(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true),
                "bench", "swarm", "--part", "race", "--setups", "one,eight");

        assertEquals(1, code);
        assertTrue(err.toString().contains("swarm: unknown race setup 'eight'; use one, isolated, no-rebase, gossiping"), err.toString());
    }

    private static String stdoutOf(SwarmBench bench) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, bench.call());
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    private static Path demoCampaign() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path file = d.resolve("examples/swarm-demo/campaign.yaml");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IOException("cannot find examples/swarm-demo above " + Path.of("").toAbsolutePath());
    }
}
