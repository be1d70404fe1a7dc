package io.swarmhub.deploy.cli;

import io.swarmhub.node.agent.BaseBundle;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.ExperimentStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Writes a lineage as a git repository: a clone of the campaign base bundle, then one commit
 * per KEEP on the lineage whose tree is the base plus that KEEP's {@code lineage_patch} (the
 * same state a node adopting it builds), so {@code git log}/{@code diff}/{@code bisect} walk the
 * lineage. A final non-KEEP experiment's patch is applied on top and left uncommitted.
 */
final class LineageCheckout {
    private static final PersonIdent COMMITTER_NAME = new PersonIdent("swarmhub", "swarmhub@localhost");

    /** What was written: KEEP commits, whether the last experiment's patch sits uncommitted, HEAD. */
    record Result(int commits, boolean uncommitted, String head) {
    }

    /** The lineage could not be written; the message names the experiment and the reason. */
    static final class CheckoutException extends RuntimeException {
        CheckoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private LineageCheckout() {
    }

    /**
     * Clones {@code bundle} (holding {@code baseCommit} on {@code main}) into the empty or
     * missing {@code dir} and writes {@code lineage} (root first, patches included) on top.
     */
    static Result write(Path dir, byte[] bundle, String baseCommit, List<ExperimentEvent> lineage, String metricName) {
        Path abs = dir.toAbsolutePath().normalize();
        new BaseBundle(bundle, baseCommit).cloneTo(abs);
        try (Git git = Git.open(abs.toFile())) {
            git.remoteRemove().setRemoteName("origin").call(); // a temporary bundle file, gone already
            String head = baseCommit;
            int commits = 0;
            boolean dirty = false;
            for (ExperimentEvent e : lineage) {
                boolean last = e == lineage.get(lineage.size() - 1);
                if (e.getStatus() == ExperimentStatus.KEEP) {
                    if (!e.getLineagePatch().isEmpty() || e.getPatch().isEmpty()) {
                        // The whole change from the base: exactly the state nodes adopt.
                        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(baseCommit).call();
                        git.clean().setCleanDirectories(true).call();
                        apply(git, e.getLineagePatch(), e);
                    } else {
                        apply(git, e.getPatch(), e); // older events without lineage_patch: the parent's state plus its patch
                    }
                    git.add().addFilepattern(".").call();
                    git.add().addFilepattern(".").setUpdate(true).call();
                    git.reset().setMode(ResetCommand.ResetType.SOFT).setRef(head).call();
                    head = commit(git, e, metricName);
                    commits++;
                    dirty = false;
                } else if (last || !e.getPatch().isEmpty()) {
                    // Not kept: its change is part of the code state only for what comes after it.
                    apply(git, e.getPatch(), e);
                    dirty = !e.getPatch().isEmpty();
                }
            }
            if (dirty) {
                // JGit's apply stages what it changes; leave the patch in the working tree only, as `git apply` does.
                git.reset().setMode(ResetCommand.ResetType.MIXED).call();
            }
            return new Result(commits, dirty, head);
        } catch (IOException | GitAPIException e) {
            throw new CheckoutException("cannot write the lineage into " + abs + ": " + e.getMessage(), e);
        }
    }

    private static void apply(Git git, String patch, ExperimentEvent e) {
        if (patch.isEmpty()) {
            return;
        }
        try {
            git.apply().setPatch(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8))).call();
        } catch (GitAPIException | RuntimeException ex) {
            throw new CheckoutException("the patch of " + e.getId() + " (" + e.getStatus() + ") does not apply: "
                    + ex.getMessage(), ex);
        }
    }

    private static String commit(Git git, ExperimentEvent e, String metricName) throws GitAPIException {
        Instant when = e.getFinishedAtMs() > 0 ? Instant.ofEpochMilli(e.getFinishedAtMs()) : Instant.now();
        String node = e.getNodeId().isEmpty() ? "unknown-node" : e.getNodeId();
        PersonIdent author = new PersonIdent(node, node + "@swarmhub", when, ZoneOffset.UTC);
        PersonIdent committer = new PersonIdent(COMMITTER_NAME.getName(), COMMITTER_NAME.getEmailAddress(), when, ZoneOffset.UTC);
        return git.commit().setMessage(message(e, metricName)).setAuthor(author).setCommitter(committer)
                .setAllowEmpty(true).setSign(false).call().name();
    }

    /** The description, then the metrics and the experiment's identity as trailer lines. */
    static String message(ExperimentEvent e, String metricName) {
        String subject = e.getDescription().isBlank() ? "experiment " + e.getId() : e.getDescription().strip();
        StringBuilder m = new StringBuilder(subject).append("\n\n");
        Map<String, Double> metrics = new TreeMap<>(e.getMetricsMap());
        if (metrics.isEmpty() && Double.isFinite(e.getMetric()) && !metricName.isEmpty()) {
            metrics.put(metricName, e.getMetric());
        }
        metrics.forEach((k, v) -> m.append(k).append(": ").append(v).append('\n'));
        m.append("Experiment: ").append(e.getId()).append('\n');
        if (!e.getParentId().isEmpty()) {
            m.append("Parent: ").append(e.getParentId()).append('\n');
        }
        m.append("Node: ").append(e.getNodeId()).append('\n');
        m.append("Proposer: ").append(e.getProposer()).append('\n');
        m.append("Status: ").append(e.getStatus().name()).append('\n');
        return m.toString();
    }
}
