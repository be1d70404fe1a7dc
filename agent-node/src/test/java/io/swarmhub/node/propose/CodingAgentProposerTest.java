package io.swarmhub.node.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.Experiment;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coding-agent proposer in a real ratchet, with shell scripts playing the agent. */
class CodingAgentProposerTest {
    static final String TOKEN = "agent-token-7f3e9c1d2b";

    @TempDir
    Path tmp;

    private List<Experiment> runAgent(String script, double timeoutSeconds, long experiments) throws Exception {
        Path agent = tmp.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\n" + script);
        Files.createDirectories(tmp.resolve("marks"));
        Campaign c = TinyCampaign.write(tmp.resolve("campaign"), "  - kind: agent\n    command: [sh, " + agent + "]\n"
                + "    timeout_seconds: " + timeoutSeconds + "\n    env: { MARKS: " + tmp.resolve("marks") + " }\n"
                + "    pass_env: [AGENT_TOKEN]\n");
        ProposerRuntime runtime = new ProposerRuntime(n -> switch (n) {
            case "AGENT_TOKEN" -> TOKEN;
            case "PATH" -> System.getenv("PATH");
            default -> null;
        }, new FakeTime(), new FakeTime(), tmp.resolve("scratch"));
        return TinyCampaign.run(c, tmp.resolve("data"), experiments, runtime);
    }

    private void assertScratchRemoved() throws IOException {
        try (Stream<Path> left = Files.list(tmp.resolve("scratch"))) {
            assertEquals(List.of(), left.toList(), "the scratch copy is removed");
        }
    }

    @Test
    void propose_agentEditsAnEditableFile() throws Exception {
        List<Experiment> ledger = runAgent("""
                set -e
                grep -q 'Minimize objective' "$SWARM_PROMPT_FILE"
                grep -q 'Bring every x close to zero' "$SWARM_PROMPT_FILE"
                test "$AGENT_TOKEN" = "%s"
                test -z "$HOME_OF_THE_NODE"
                sed 's/^x0 = .*/x0 = 0/' params.properties > p.tmp && mv p.tmp params.properties
                mkdir -p .agent-cache && echo state > .agent-cache/session
                echo "x0 -> 0: the optimum is at the origin" > "$SWARM_DESCRIPTION_FILE"
                pwd > "$MARKS/scratch"
                """.formatted(TOKEN), 30, 2);
        Experiment e = ledger.get(1);
        assertEquals("agent", e.proposer());
        assertEquals(Status.KEEP, e.status(), e.message());
        assertEquals("x0 -> 0: the optimum is at the origin", e.description());
        assertTrue(e.patch().contains("+x0 = 0") && !e.patch().contains(".agent-cache"), e.patch());
        assertEquals(9.0, e.metric());
        Path scratch = Path.of(Files.readString(tmp.resolve("marks/scratch")).trim());
        assertFalse(Files.exists(scratch));
        assertTrue(scratch.startsWith(tmp.resolve("scratch")));
        assertScratchRemoved();
    }

    @Test
    void propose_agentEditsAProtectedFile() throws Exception {
        List<Experiment> ledger = runAgent("""
                echo "x0 = 0" > params.properties
                echo "a friendlier judge" > eval/secret.txt
                """, 30, 2);
        Experiment e = ledger.get(1);
        assertEquals(Status.INVALID, e.status());
        assertTrue(e.message().contains("the agent changed paths it may not: eval/secret.txt"), e.message());
        assertScratchRemoved();
    }

    @Test
    void propose_agentDeletesAnEditableFile() throws Exception {
        List<Experiment> ledger = runAgent("rm notes.txt\n", 30, 2);
        Experiment e = ledger.get(1);
        assertEquals(Status.DISCARD, e.status(), e.message());
        assertTrue(e.patch().contains("deleted file mode") && e.patch().contains("-notes"), e.patch());
        assertEquals("agent edit of deleted files", e.description());
    }

    @Test
    void propose_hangingAgentIsKilledAtItsTimeLimit() throws Exception {
        long start = System.nanoTime();
        List<Experiment> ledger = runAgent("""
                echo $$ > "$MARKS/agent.pid"
                sleep 300 &
                echo $! > "$MARKS/child.pid"
                echo "thinking very hard"
                wait
                """, 3, 2);
        Experiment e = ledger.get(1);
        assertEquals(Status.INVALID, e.status());
        assertTrue(e.message().contains("the agent ran over its time limit of 3 s and was killed"), e.message());
        assertTrue(e.message().contains("thinking very hard"), "the output's tail helps: " + e.message());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
        for (String pidFile : List.of("agent.pid", "child.pid")) {
            long pid = Long.parseLong(Files.readString(tmp.resolve("marks").resolve(pidFile)).trim());
            awaitGone(pid);
        }
        assertScratchRemoved();
    }

    @Test
    void propose_failingAgentReportsItsOutputWithoutSecrets() throws Exception {
        List<Experiment> ledger = runAgent("""
                echo "using token $AGENT_TOKEN"
                echo "the model refused"
                exit 3
                """, 30, 2);
        Experiment e = ledger.get(1);
        assertEquals(Status.INVALID, e.status());
        assertTrue(e.message().contains("the agent exited with code 3") && e.message().contains("the model refused"), e.message());
        assertFalse(e.message().contains(TOKEN), e.message());
        assertScratchRemoved();
    }

    @Test
    void propose_agentThatChangesNothing() throws Exception {
        List<Experiment> ledger = runAgent("echo 'all good already'\n", 30, 2);
        assertEquals(Status.INVALID, ledger.get(1).status());
        assertTrue(ledger.get(1).message().contains("the agent changed nothing"), ledger.get(1).message());
    }

    /** Waits (with a deadline) until the process is gone or a zombie. */
    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " still runs");
            }
            Thread.onSpinWait();
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20); // polling interval of the await
        }
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
