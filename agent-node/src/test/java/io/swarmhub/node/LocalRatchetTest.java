package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.Status;
import io.swarmhub.protocol.v1.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratchet on one machine with the real JGit workspace, the real evaluator and the real ledger. */
class LocalRatchetTest {
    @TempDir
    Path tmp;

    static Path copyExample(String name, Path to) throws Exception {
        Path from = Path.of("..", "examples", name).toAbsolutePath().normalize();
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to.resolve("campaign.yaml");
    }

    @Test
    void run_rastrigin200() throws Exception {
        Campaign campaign = CampaignLoader.load(copyExample("rastrigin", tmp.resolve("campaign")));
        Path data = tmp.resolve("data");
        RatchetSummary summary;
        List<Experiment> history;
        List<String> logMessages = new ArrayList<>();
        try (LocalRatchet local = LocalRatchet.open(campaign, data, new LocalRatchet.Options(200, 1, "test"),
                Clock.systemUTC(), RatchetListener.NONE)) {
            summary = local.ratchet().run();
            history = local.ledger().history();
            for (RevCommit c : local.workspace().git().log().call()) {
                logMessages.add(c.getFullMessage());
            }
        }
        assertEquals(200, summary.runExperiments());
        assertEquals(200, history.size());
        Experiment baseline = history.get(0);
        assertTrue(baseline.isBaseline());
        assertEquals(Status.KEEP, baseline.status());
        assertEquals("", baseline.patch());
        assertTrue(summary.best().metric() < baseline.metric(), "best " + summary.best().metric() + " vs " + baseline.metric());

        // The workspace history holds exactly the kept experiments (plus the campaign base commit).
        List<Experiment> kept = history.stream().filter(e -> e.status() == Status.KEEP && !e.isBaseline()).toList();
        assertEquals(kept.size() + 1, logMessages.size());
        Set<String> keptIds = new HashSet<>();
        kept.forEach(e -> keptIds.add(e.id()));
        Set<String> committedIds = new HashSet<>();
        for (String m : logMessages) {
            m.lines().filter(l -> l.startsWith("Experiment: ")).forEach(l -> committedIds.add(l.substring(12)));
        }
        assertEquals(keptIds, committedIds);

        // Discarded experiments keep their patch in the record; every parent was kept before its child.
        Set<String> seenKept = new HashSet<>();
        for (Experiment e : history) {
            if (!e.isBaseline()) {
                assertTrue(seenKept.contains(e.parentId()), "parent of " + e.id() + " was not a kept experiment");
                assertFalse(e.patch().isBlank(), "experiment " + e.id() + " lost its patch");
                assertTrue(e.patch().contains("params.properties"));
            }
            if (e.status() == Status.KEEP) {
                seenKept.add(e.id());
            }
        }
        // Ledger rows = experiments, in both files.
        assertEquals(201, Files.readAllLines(data.resolve("results.tsv")).size());
        assertEquals(200, Files.readAllLines(data.resolve("results.jsonl")).size());
        assertTrue(Files.readAllLines(data.resolve("results.tsv")).get(0).startsWith("commit\tmetric\tmemory_gb\tstatus\tdescription"));
    }

    @Test
    void run_resumesFromBestKeptState() throws Exception {
        Campaign campaign = CampaignLoader.load(copyExample("rastrigin", tmp.resolve("campaign")));
        Path data = tmp.resolve("data");
        Experiment bestBefore;
        List<Experiment> before;
        try (LocalRatchet local = LocalRatchet.open(campaign, data, new LocalRatchet.Options(40, 3, "test"),
                Clock.systemUTC(), RatchetListener.NONE)) {
            bestBefore = local.ratchet().run().best();
            before = local.ledger().history();
        }
        try (LocalRatchet local = LocalRatchet.open(campaign, data, new LocalRatchet.Options(30, 3, "test"),
                Clock.systemUTC(), RatchetListener.NONE)) {
            RatchetSummary s = local.ratchet().run();
            List<Experiment> after = local.ledger().history();
            assertEquals(70, after.size());
            assertEquals(before, after.subList(0, 40), "nothing recorded is lost or changed");
            assertEquals(70, after.stream().map(Experiment::id).distinct().count(), "no experiment repeated");
            assertEquals(1, after.stream().filter(Experiment::isBaseline).count(), "the baseline runs once");
            assertEquals(bestBefore.id(), after.get(40).parentId(), "the resumed run continues from the best kept state");
            assertEquals(70, s.totalExperiments());
            assertTrue(s.best().metric() <= bestBefore.metric());
        }
    }

    @Test
    void run_pythonScriptWithProtectedScoreStep() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0,
                "python3 is not installed");
        Path from = Path.of("..", "examples", "python-script").toAbsolutePath().normalize();
        Path to = tmp.resolve("campaign");
        try (var walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.toString().contains("__pycache__") && !f.getFileName().toString().equals("predictions.csv")) {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Campaign campaign = CampaignLoader.load(to.resolve("campaign.yaml"));
        try (LocalRatchet local = LocalRatchet.open(campaign, tmp.resolve("data"), new LocalRatchet.Options(6, 2, "test"),
                Clock.systemUTC(), RatchetListener.NONE)) {
            RatchetSummary s = local.ratchet().run();
            List<Experiment> h = local.ledger().history();
            assertEquals(6, h.size());
            assertEquals(Status.KEEP, h.get(0).status(), h.get(0).message() + "\n" + h.get(0).logTail());
            assertTrue(h.get(0).metric() > 0 && Double.isFinite(h.get(0).metric()));
            assertTrue(h.get(0).metrics().containsKey("train_mse"), "run-step metrics are kept beside the score");
            assertTrue(h.stream().skip(1).allMatch(e -> e.patch().contains("config.py")));
            assertTrue(s.best().metric() <= h.get(0).metric());
            assertTrue(Files.exists(tmp.resolve("data/logs/" + h.get(0).id() + ".log")));
        }
    }
}
