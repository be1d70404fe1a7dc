package io.swarmhub.node.agent;

import io.swarmhub.node.GitWorkspace;
import io.swarmhub.node.WorkspaceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundleStream;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

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

    /**
     * Unpacks the bundle into a directory: the files of its main branch, nothing else (the
     * directory is only ever copied from). The bundle is read in memory and written to a sibling
     * directory that is then renamed into place, so a node that dies while unpacking leaves no
     * half-written base behind; a git clone did the same in several times the time, which eight
     * nodes starting at once on one box paid at every start (docs/benchmarks.md).
     */
    public void unpackTo(Path dir) {
        Path staging = null;
        try {
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, dir.getFileName() + ".unpacking-");
            try (Repository repo = new InMemoryRepository(new DfsRepositoryDescription("campaign-base"))) {
                try (Transport bundle = new TransportBundleStream(repo, new URIish("bundle:campaign-base"),
                        new ByteArrayInputStream(bytes))) {
                    bundle.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+refs/heads/main:refs/heads/main")));
                }
                ObjectId head = repo.resolve("refs/heads/main");
                if (head == null || !head.name().equals(commit)) {
                    throw new WorkspaceException("the campaign bundle does not hold commit " + commit);
                }
                writeFiles(repo, head, staging);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            if (e instanceof WorkspaceException w) {
                throw w;
            }
            throw new WorkspaceException("cannot unpack the campaign base into " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Clones the bundle into a directory: a git repository whose history is the base commit (for {@code swarm checkout}). */
    public void cloneTo(Path dir) {
        Path file = null;
        try {
            file = Files.createTempFile("swarm-base", ".bundle");
            Files.write(file, bytes);
            Files.createDirectories(dir.toAbsolutePath().getParent());
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

    /**
     * Writes the files of {@code commit}'s tree under {@code dir}: regular files and executables,
     * then links (last, so that nothing is ever written through one); anything else is refused.
     */
    private static void writeFiles(Repository repo, ObjectId commit, Path dir) throws IOException {
        java.util.Map<Path, String> links = new java.util.LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                Path file = dir.resolve(tree.getPathString()).normalize();
                FileMode mode = tree.getFileMode(0);
                if (!file.startsWith(dir) || file.equals(dir)) {
                    throw new WorkspaceException("the campaign bundle holds a path outside its base: " + tree.getPathString());
                }
                if (mode != FileMode.SYMLINK && mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    throw new WorkspaceException("the campaign bundle holds " + tree.getPathString()
                            + ", neither a file nor a link (a submodule?)");
                }
                byte[] content = repo.open(tree.getObjectId(0)).getBytes();
                if (mode == FileMode.SYMLINK) {
                    links.put(file, new String(content, StandardCharsets.UTF_8));
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                if (mode == FileMode.EXECUTABLE_FILE) {
                    file.toFile().setExecutable(true);
                }
            }
        }
        for (var link : links.entrySet()) {
            Files.createDirectories(link.getKey().getParent());
            Files.createSymbolicLink(link.getKey(), Path.of(link.getValue()));
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
