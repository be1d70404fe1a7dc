package io.swarmhub.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.protocol.v1.BestRequest;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import io.swarmhub.protocol.v1.FetchWorkspaceRequest;
import io.swarmhub.protocol.v1.GetLineageRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm checkout} against a real swarm, checked with the real {@code git} command line
 * and against the nodes' own workspace commits for the same KEEPs.
 */
class CheckoutCommandTest {
    @TempDir
    static Path tmp;
    static BrowseSwarm swarm;
    static String baseCommit;

    @BeforeAll
    static void runSwarm() throws Exception {
        swarm = new BrowseSwarm(tmp);
        baseCommit = swarm.swarm.stub().fetchWorkspace(FetchWorkspaceRequest.newBuilder().setCampaignId(swarm.campaignId).build())
                .getBaseCommit();
    }

    @AfterAll
    static void stopSwarm() {
        if (swarm != null) {
            swarm.close();
        }
    }

    private static List<ExperimentEvent> lineage(String id) {
        return swarm.swarm.stub().getLineage(GetLineageRequest.newBuilder().setCampaignId(swarm.campaignId)
                .setExperimentId(id).build()).getExperimentsList();
    }

    @Test
    void checkout_best_oneCommitPerKeepAndTheNodesTree() throws Exception {
        ExperimentEvent best = swarm.swarm.stub().best(BestRequest.newBuilder().setCampaignId(swarm.campaignId).build()).getExperiment();
        List<ExperimentEvent> lineage = lineage(best.getId());
        long keeps = lineage.stream().filter(e -> e.getStatus() == ExperimentStatus.KEEP).count();
        assertTrue(keeps >= 2, "a lineage of at least two KEEPs: " + keeps);
        Path dir = tmp.resolve("best");
        // No --campaign and the short id: the command searches the campaigns.
        BrowseSwarm.Run run = swarm.cli("checkout", ExperimentRow.shortId(best.getId()), dir.toString());
        assertEquals(0, run.code(), run.err() + run.out());

        int base = Integer.parseInt(git(dir, "rev-list", "--count", baseCommit));
        assertEquals(keeps, Integer.parseInt(git(dir, "rev-list", "--count", "HEAD")) - base, git(dir, "log", "--oneline"));
        assertEquals("", git(dir, "status", "--porcelain"));
        assertTrue(git(dir, "log", "-1", "--format=%B").contains("Experiment: " + best.getId()), git(dir, "log", "-1", "--format=%B"));
        assertEquals(best.getDescription(), git(dir, "log", "-1", "--format=%s"));
        // Every KEEP commit holds the same tree as the node's own commit for that KEEP.
        List<String> shas = git(dir, "rev-list", "--reverse", "HEAD").lines().skip(base).toList();
        List<ExperimentEvent> kept = lineage.stream().filter(e -> e.getStatus() == ExperimentStatus.KEEP).toList();
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(nodeTree(kept.get(i)), git(dir, "rev-parse", shas.get(i) + "^{tree}"), "tree of " + kept.get(i).getId());
        }

        BrowseSwarm.Run again = swarm.cli("checkout", best.getId(), dir.toString(), "--campaign", swarm.campaignId);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("is not an empty directory"), again.err());
    }

    @Test
    void checkout_discard_commitsTheKeptAncestorsAndLeavesItsPatchApplied() throws Exception {
        ExperimentEvent discard = swarm.tree().stream()
                .filter(e -> e.getStatus() == ExperimentStatus.DISCARD && !e.getParentId().isEmpty())
                .reduce((a, b) -> b).orElseThrow();
        List<ExperimentEvent> lineage = lineage(discard.getId());
        ExperimentEvent parent = lineage.get(lineage.size() - 2);
        assertEquals(ExperimentStatus.KEEP, parent.getStatus());
        Path dir = tmp.resolve("discard");
        BrowseSwarm.Run run = swarm.cli("checkout", discard.getId(), dir.toString(), "--campaign", swarm.campaignId);
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("is DISCARD: its patch is applied to the working tree, not committed"), run.out());

        long keeps = lineage.stream().filter(e -> e.getStatus() == ExperimentStatus.KEEP).count();
        int base = Integer.parseInt(git(dir, "rev-list", "--count", baseCommit));
        assertEquals(keeps, Integer.parseInt(git(dir, "rev-list", "--count", "HEAD")) - base);
        assertEquals(nodeTree(parent), git(dir, "rev-parse", "HEAD^{tree}"));
        assertEquals("", git(dir, "diff", "--cached", "--name-only"), "nothing staged");
        assertEquals("params.properties", git(dir, "diff", "--name-only"), "the patch in the working tree");
        // The working tree is HEAD plus exactly the discard's patch: git can take it back out.
        Path patch = tmp.resolve("discard.patch");
        Files.writeString(patch, lineage.get(lineage.size() - 1).getPatch(), StandardCharsets.UTF_8);
        git(dir, "apply", "--check", "--reverse", patch.toString());
        assertTrue(git(dir, "diff").contains("+++ b/params.properties"));
    }

    @Test
    void checkout_unknownExperiment_failsWithOneLine() {
        BrowseSwarm.Run run = swarm.cli("checkout", "ZZZZZZZZ", tmp.resolve("none").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("swarm: no experiment ZZZZZZZZ in any of the 1 campaign(s)"), run.err());
        assertTrue(Files.notExists(tmp.resolve("none")));
    }

    /** The tree id of the node's own workspace commit for a KEEP (found in the node's data directory). */
    private static String nodeTree(ExperimentEvent keep) throws Exception {
        Path nodeDir = swarm.dir.resolve("swarm").resolve("nodes").resolve(keep.getNodeId());
        List<Path> repos = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(nodeDir, 6)) {
            walk.filter(p -> p.getFileName().toString().equals(".git")).forEach(p -> repos.add(p.getParent()));
        }
        for (Path repo : repos) {
            try {
                return git(repo, "rev-parse", "--verify", "--quiet", keep.getCommit() + "^{tree}");
            } catch (AssertionError notHere) {
                // another slot's or the base's repository
            }
        }
        throw new AssertionError("no repository under " + nodeDir + " holds commit " + keep.getCommit() + " of " + keep.getId());
    }

    /** Runs the real git command line in {@code dir}; its trimmed output, or an AssertionError on a non-zero exit. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out.strip();
    }
}
