package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.SwarmCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarm run} as users run it: the CLI in its own JVM, killed and interrupted for real. */
class RunCommandTest {
    @TempDir
    Path tmp;

    private Path campaign(double costMs) throws IOException {
        Path from = Path.of("..", "examples", "rastrigin").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(tmp.resolve("campaign"));
        for (String f : List.of("campaign.yaml", "params.properties", "program.md")) {
            Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path yaml = dir.resolve("campaign.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("cost_ms: 0", "cost_ms: " + costMs));
        return yaml;
    }

    private Process startCli(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SwarmCli.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("cli.out").toFile()).start();
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling interval of the await, not a wait for an event
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String size(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void run_resumesAfterKillMidExperiment() throws Exception {
        Path yaml = campaign(300);
        Path data = tmp.resolve("data");
        Process p = startCli("run", yaml.toString(), "--data-dir", data.toString(), "--quiet");
        await("a few experiments and one in flight", Duration.ofSeconds(60),
                () -> lines(data.resolve("results.jsonl")).size() >= 4 && !size(data.resolve("inflight.json")).isBlank());
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        List<String> before = lines(data.resolve("results.jsonl"));
        String inflight = size(data.resolve("inflight.json"));

        int code = SwarmCli.execute("run", yaml.toString(), "--data-dir", data.toString(), "--max-experiments", "3", "--quiet");
        assertEquals(0, code);
        List<String> after = lines(data.resolve("results.jsonl"));
        assertEquals(before, after.subList(0, before.size()), "what was recorded before the kill is unchanged");
        String lost = after.get(before.size());
        assertTrue(lost.contains("\"status\":\"LOST\""), lost);
        assertTrue(inflight.isBlank() || lost.contains(inflight.substring(7, 33)), "the LOST row is the experiment in flight");
        assertEquals(before.size() + 1 + 3, after.size());
        assertEquals(after.size(), after.stream().map(l -> l.substring(7, 33)).distinct().count(), "no id twice");
        assertEquals(after.size() + 1, lines(data.resolve("results.tsv")).size());
    }

    @Test
    void run_ctrlCKillsAndRecordsTheRunningExperiment() throws Exception {
        Path yaml = campaign(2000);
        Path data = tmp.resolve("data");
        Process p = startCli("run", yaml.toString(), "--data-dir", data.toString());
        await("the baseline and the next experiment in flight", Duration.ofSeconds(60),
                () -> lines(data.resolve("results.jsonl")).size() >= 1 && !size(data.resolve("inflight.json")).isBlank());
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the CLI stops promptly on Ctrl-C");
        assertEquals(130, p.exitValue());
        List<String> rows = lines(data.resolve("results.jsonl"));
        String last = rows.get(rows.size() - 1);
        assertTrue(last.contains("\"status\":\"LOST\"") && last.contains("interrupted"), last);
        assertTrue(size(data.resolve("inflight.json")).isBlank());
        String out = Files.readString(tmp.resolve("cli.out"));
        assertTrue(out.contains("stopped: interrupted"), out);
    }

    @Test
    void run_brokenCampaignIsOneClearMessage() throws Exception {
        Path yaml = campaign(0);
        Files.writeString(yaml, Files.readString(yaml).replace("direction: minimize", "direction: sideways"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SwarmCli.execute("run", yaml.toString(), "--data-dir", tmp.resolve("d").toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertTrue(text.contains(yaml + ":4: goal.direction: expected minimize or maximize, got 'sideways'"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }

    @Test
    void run_missingCampaignFile() {
        assertEquals(2, SwarmCli.execute("run", tmp.resolve("nope.yaml").toString()));
    }
}
