package io.swarmhub.node.agent;

import io.swarmhub.node.GitWorkspace;
import io.swarmhub.node.WorkspaceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.BundleWriter;

/**
 * A campaign's base code as a git bundle: how a launched campaign travels to the coordinator and
 * from it to every node ({@code FetchWorkspace}).
 */
public record BaseBundle(byte[] bytes, String commit) {

    /** Bundles the files of a campaign's base directory (as {@code swarm run} would copy them). */
    public static BaseBundle of(Path baseDir) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("swarm-base");
            try (GitWorkspace ws = GitWorkspace.openOrCreate(tmp.resolve("repo"), baseDir)) {
                ObjectId head = ws.git().getRepository().resolve("HEAD");
                BundleWriter writer = new BundleWriter(ws.git().getRepository());
                writer.include("refs/heads/main", head);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                writer.writeBundle(NullProgressMonitor.INSTANCE, out);
                return new BaseBundle(out.toByteArray(), head.name());
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot bundle the campaign base " + baseDir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    /** A launch request carrying the campaign with this bundle as its base. */
    public io.swarmhub.protocol.v1.LaunchCampaignRequest.Builder launchRequest(io.swarmhub.protocol.v1.Campaign campaign) {
        return io.swarmhub.protocol.v1.LaunchCampaignRequest.newBuilder().setCampaign(campaign)
                .setBaseBundle(com.google.protobuf.ByteString.copyFrom(bytes)).setBaseCommit(commit);
    }

    /** Unpacks the bundle into a directory (a plain checkout of its main branch). */
    public void unpackTo(Path dir) {
        Path file = null;
        try {
            file = Files.createTempFile("swarm-base", ".bundle");
            Files.write(file, bytes);
            Files.createDirectories(dir.getParent());
            try (Git git = Git.cloneRepository().setURI(file.toUri().toString()).setDirectory(dir.toFile())
                    .setBranch("refs/heads/main").call()) {
                if (!git.getRepository().resolve("HEAD").name().equals(commit)) {
                    throw new WorkspaceException("the campaign bundle does not hold commit " + commit);
                }
            }
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("cannot unpack the campaign base into " + dir + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans it up
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort for temporary files
        }
    }
}
