package io.swarmhub.node.propose;

import static io.swarmhub.node.propose.StubChatServer.reply;
import static io.swarmhub.node.propose.StubChatServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.CampaignProposers;
import io.swarmhub.node.Experiment;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The LLM proposer in a real ratchet against a stub OpenAI-compatible endpoint on 127.0.0.1. */
class LlmProposerTest {
    static final String SECRET = "sk-test-0123456789abcdef-SECRET";
    static final String DIFF = """
            DESCRIPTION: x0 3 -> 0: the optimum is at the origin
            --- a/params.properties
            +++ b/params.properties
            @@ -1,3 +1,3 @@
            -x0 = 3
            +x0 = 0
             x1 = 2
             x2 = 1
            """;
    static final String SEARCH_REPLACE = """
            I will lower x1.
            params.properties
            ```
            <<<<<<< SEARCH
            x1 = 2
            =======
            x1 = 0.5
            >>>>>>> REPLACE
            ```
            """;
    static final String FENCED = """
            Here is my proposal. Shrinking x2 should help.

            ```diff
            --- params.properties
            +++ params.properties
            @@ -2,2 +2,2 @@
             x1 = 2
            -x2 = 1
            +x2 = 0
            ```
            This lowers the objective by one.
            """;

    @TempDir
    Path tmp;

    private Campaign campaign(StubChatServer server, String extra) throws Exception {
        return TinyCampaign.write(tmp.resolve("campaign"), "  - kind: llm\n    base_url: " + server.baseUrl()
                + "\n    model: stub-coder\n    api_key_env: STUB_KEY\n" + extra);
    }

    private ProposerRuntime runtime(FakeTime time) {
        return new ProposerRuntime(name -> name.equals("STUB_KEY") ? SECRET : null, time, time, tmp.resolve("scratch"));
    }

    static Stream<Arguments> replies() {
        String protectedEdit = "--- a/eval/secret.txt\n+++ b/eval/secret.txt\n@@ -1 +1 @@\n-the judge\n+a friendlier judge\n";
        String traversal = "--- a/../../outside.txt\n+++ b/../../outside.txt\n@@ -0,0 +1 @@\n+pwned\n";
        return Stream.of(
                Arguments.of("valid diff", List.of(reply(DIFF)), Status.KEEP, "x0 3 -> 0: the optimum is at the origin"),
                Arguments.of("search/replace", List.of(reply(SEARCH_REPLACE)), Status.KEEP, "I will lower x1."),
                Arguments.of("fenced diff in prose", List.of(reply(FENCED)), Status.KEEP, "Here is my proposal."),
                Arguments.of("garbage", List.of(reply("Try a bigger learning rate, it usually helps.")), Status.INVALID,
                        "proposer llm failed: the reply holds neither a unified diff nor SEARCH/REPLACE blocks"),
                Arguments.of("empty reply", List.of(reply("   ")), Status.INVALID, "the reply is empty"),
                Arguments.of("protected file", List.of(reply(protectedEdit)), Status.INVALID, "'eval/secret.txt' is protected"),
                Arguments.of("path traversal", List.of(reply(traversal)), Status.INVALID, "is outside the workspace"),
                Arguments.of("stale context", List.of(reply(DIFF.replace(" x1 = 2", " x1 = 7"))), Status.INVALID,
                        "hunk 1 of params.properties does not match the file"),
                Arguments.of("429 then success", List.of(status(429, "{\"error\":{\"message\":\"slow down\"}}",
                        Map.of("Retry-After", "7")), reply(DIFF)), Status.KEEP, "x0 3 -> 0"),
                Arguments.of("5xx until retries run out", List.of(status(503, "overloaded", Map.of())), Status.INVALID,
                        "HTTP 503 from http://127.0.0.1"),
                Arguments.of("timeout", List.of(StubChatServer.hang()), Status.INVALID, "did not answer within 0.5 s", 0.5),
                Arguments.of("huge reply", List.of(StubChatServer.huge(8 << 20)), Status.INVALID, "is over the limit of"),
                Arguments.of("key echoed by a gateway", List.of(StubChatServer.echoAuthorization()), Status.INVALID,
                        "HTTP 401"))
                // a request timeout of 30 s unless the case gives one: a cold client may need more than 0.5 s
                .map(a -> a.get().length == 5 ? a : Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], 30.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void propose_recordsTheOutcome(String what, List<StubChatServer.Answer> script, Status expected, String text,
                                   double timeoutSeconds) throws Exception {
        FakeTime time = new FakeTime();
        try (StubChatServer server = new StubChatServer(script)) {
            Campaign c = campaign(server, "    timeout_seconds: " + timeoutSeconds + "\n");
            Path data = tmp.resolve("data");
            List<Experiment> ledger = TinyCampaign.run(c, data, 2, runtime(time));
            assertEquals(2, ledger.size(), what);
            Experiment e = ledger.get(1);
            assertEquals("llm", e.proposer());
            assertEquals(expected, e.status(), e.message());
            assertTrue((e.description() + " | " + e.message()).contains(text), () -> "expected '" + text + "' in "
                    + e.description() + " | " + e.message());
            assertEquals("Bearer " + SECRET, server.authorizations.get(0), "the key goes in the Authorization header");
            assertFalse(Files.exists(tmp.resolve("outside.txt")) || Files.exists(tmp.getParent().resolve("outside.txt")));
            assertNoSecretUnder(data);
            assertFalse(e.message().contains(SECRET) || e.description().contains(SECRET));
        }
    }

    @Test
    void propose_honoursRetryAfterAndBacksOff() throws Exception {
        FakeTime time = new FakeTime();
        try (StubChatServer server = new StubChatServer(List.of(status(429, "", Map.of("Retry-After", "7")),
                status(500, "", Map.of()), status(429, "", Map.of("Retry-After", "3600")), reply(DIFF)))) {
            List<Experiment> ledger = TinyCampaign.run(campaign(server, ""), tmp.resolve("data"), 2, runtime(time));
            assertEquals(Status.KEEP, ledger.get(1).status(), ledger.get(1).message());
            assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(2), LlmSettings.MAX_RETRY_WAIT), time.sleeps,
                    "Retry-After honoured, backoff doubles, long waits capped");
            assertEquals(4, server.bodies.size());
        }
    }

    @Test
    void propose_givesUpAfterMaxRetries() throws Exception {
        FakeTime time = new FakeTime();
        try (StubChatServer server = new StubChatServer(List.of(status(502, "bad gateway", Map.of())))) {
            List<Experiment> ledger = TinyCampaign.run(campaign(server, "    max_retries: 2\n"), tmp.resolve("data"), 2, runtime(time));
            assertEquals(Status.INVALID, ledger.get(1).status());
            assertTrue(ledger.get(1).message().contains("HTTP 502") && ledger.get(1).message().contains("after 3 attempts"),
                    ledger.get(1).message());
            assertEquals(3, server.bodies.size());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), time.sleeps);
        }
    }

    @Test
    void propose_promptCarriesProgramGoalFilesAndHistory() throws Exception {
        try (StubChatServer server = new StubChatServer(List.of(reply(DIFF), reply("no idea")))) {
            TinyCampaign.run(campaign(server, ""), tmp.resolve("data"), 3, runtime(new FakeTime()));
            assertEquals(2, server.bodies.size());
            String first = server.bodies.get(0);
            assertTrue(first.contains("Bring every x close to zero."), "program.md");
            assertTrue(first.contains("Minimize objective"), "the goal");
            assertTrue(first.contains("budget of 10 s"), "the budget");
            assertTrue(first.contains("## params.properties") && first.contains("x0 = 3"), "the editable files");
            assertFalse(first.contains("the judge"), "protected files stay out of the prompt");
            assertTrue(first.contains("\"model\":\"stub-coder\""));
            String second = server.bodies.get(1);
            assertTrue(second.contains("KEEP objective 9: x0 3 -> 0"), "the recent ledger: " + second);
            assertTrue(second.contains("2. x0 3 -> 0: the optimum is at the origin"), "the lineage");
            assertTrue(second.contains("x0 = 0"), "the files at the parent's state");
            assertFalse(first.contains(SECRET) || second.contains(SECRET));
        }
    }

    @Test
    void propose_limitsRequestsPerMinute() throws Exception {
        FakeTime time = new FakeTime();
        try (StubChatServer server = new StubChatServer(List.of(reply("nothing"), reply("still nothing"), reply("nope")))) {
            TinyCampaign.run(campaign(server, "    requests_per_minute: 20\n"), tmp.resolve("data"), 4, runtime(time));
            assertEquals(3, server.bodies.size());
            assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), time.sleeps, "one request every 3 s");
        }
    }

    @Test
    void from_missingKeyFailsAtStart() throws Exception {
        try (StubChatServer server = new StubChatServer(List.of(reply(DIFF)))) {
            Campaign c = campaign(server, "");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CampaignProposers.from(c, new ProposerRuntime(n -> null, new FakeTime(), new FakeTime(), tmp)));
            assertTrue(e.getMessage().contains("the API key variable STUB_KEY is not set on this node"), e.getMessage());
        }
    }

    static void assertNoSecretUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET),
                        "the API key leaked into " + f);
            }
        }
    }
}
