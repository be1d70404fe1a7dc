package io.swarmhub.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * An experiment workspace on a JGit repository in the node's data directory. Created from the
 * campaign's base directory (its files, not its history) as one "campaign base" commit; kept
 * experiments become commits on top; discards are hard resets plus a clean of untracked files
 * (ignored files, such as caches, survive).
 */
public final class GitWorkspace implements ExperimentWorkspace, AutoCloseable {
    private static final Set<String> SKIP = Set.of(".git", ".swarm", "target", "__pycache__", "node_modules");
    private static final PersonIdent AUTHOR = new PersonIdent("swarmhub", "swarmhub@localhost");
    private final Path dir;
    private final Git git;
    /** True when nothing but this class changes the files (in-process run steps): enables path-limited resets. */
    private volatile boolean onlyWrittenChange;
    /** The campaign base (the root commit), found once. */
    private volatile String baseCommit;
    /** Committed contents of written files as read by the in-memory diff, so a discard need not read them again. */
    private final java.util.Map<String, String> headCopies = new java.util.HashMap<>();
    /** Paths written since the last commit or reset; null when unknown (a patch was applied). */
    private Set<String> written = new java.util.HashSet<>();
    /** Paths where HEAD may differ from the base (a superset); null: unknown, found from the lineage diff when needed. */
    private Set<String> headChanged;
    /** Adoption as text, for the common case. */
    private final TextAdoption textAdoption = new TextAdoption(path -> bytesAt(baseCommit(), path));
    /** Whether adoption tries the text path first (tests turn it off to compare both ways). */
    private boolean adoptAsText = true;

    private GitWorkspace(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** Opens the workspace at {@code dir}, creating it from {@code base} when it does not exist yet. */
    public static GitWorkspace openOrCreate(Path dir, Path base) {
        try {
            if (Files.isDirectory(dir.resolve(".git"))) {
                return new GitWorkspace(dir, quiet(Git.open(dir.toFile())));
            }
            Files.createDirectories(dir);
            copyTree(base, dir);
            Git git = quiet(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
            git.add().addFilepattern(".").call();
            git.commit().setMessage("campaign base\n\nCopied from " + base + "\n").setAuthor(AUTHOR)
                    .setCommitter(AUTHOR).setSign(false).setAllowEmpty(true).call();
            GitWorkspace created = new GitWorkspace(dir, git);
            created.headChanged = new java.util.HashSet<>();
            return created;
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("cannot create the workspace in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** No reflog: the ledger is the record of every move; one file write less per keep. */
    private static Git quiet(Git git) throws IOException {
        var config = git.getRepository().getConfig();
        config.setBoolean("core", null, "logAllRefUpdates", false);
        config.save();
        return git;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Path toAbs = to.toAbsolutePath().normalize();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(from) && (SKIP.contains(d.getFileName().toString())
                        || d.toAbsolutePath().normalize().equals(toAbs))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String baseCommit() {
        String known = baseCommit;
        if (known == null) {
            known = findBaseCommit();
            baseCommit = known; // the root commit never changes; walking the history once is enough
        }
        return known;
    }

    private String findBaseCommit() {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            walk.markStart(walk.parseCommit(git.getRepository().resolve("HEAD")));
            walk.sort(org.eclipse.jgit.revwalk.RevSort.REVERSE);
            return walk.next().name();
        } catch (IOException e) {
            throw new WorkspaceException("cannot find the base commit of " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String lineagePatch() {
        try (var reader = git.getRepository().newObjectReader()) {
            var repo = git.getRepository();
            var oldTree = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            oldTree.reset(reader, repo.parseCommit(repo.resolve(baseCommit())).getTree());
            var newTree = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            newTree.reset(reader, repo.parseCommit(repo.resolve("HEAD")).getTree());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            git.diff().setOldTree(oldTree).setNewTree(newTree).setOutputStream(out).call();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GitAPIException e) {
            throw new WorkspaceException("cannot diff the lineage of " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String head() {
        try {
            var id = git.getRepository().resolve("HEAD");
            if (id == null) {
                throw new WorkspaceException("the workspace " + dir + " has no commit");
            }
            return id.name();
        } catch (IOException e) {
            throw new WorkspaceException("cannot read HEAD of " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void moveTo(String commit) {
        try {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
            git.clean().setCleanDirectories(true).call();
            written = new java.util.HashSet<>();
            headCopies.clear();
            headChanged = null;
        } catch (GitAPIException e) {
            throw new WorkspaceException("cannot bring the workspace to " + commit + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String read(String path) {
        try {
            return Files.readString(resolve(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new WorkspaceException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String readAt(String commit, String path) {
        byte[] bytes = bytesAt(commit, path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private byte[] bytesAt(String commit, String path) {
        var repo = git.getRepository();
        try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path,
                repo.parseCommit(repo.resolve(commit)).getTree())) {
            if (walk == null || walk.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                return null;
            }
            return repo.open(walk.getObjectId(0)).getBytes();
        } catch (IOException | RuntimeException e) {
            throw new WorkspaceException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<String> files() {
        var repo = git.getRepository();
        java.util.List<String> out = new java.util.ArrayList<>();
        try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            walk.addTree(repo.parseCommit(repo.resolve("HEAD")).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                out.add(walk.getPathString());
            }
            return out;
        } catch (IOException e) {
            throw new WorkspaceException("cannot list the files of " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String path, String content) {
        try {
            Path p = resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            if (written != null) {
                written.add(dir.normalize().relativize(p).toString().replace('\\', '/'));
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private Path resolve(String path) {
        Path p = dir.resolve(path).normalize();
        if (!p.startsWith(dir.normalize()) || p.startsWith(dir.resolve(".git"))) {
            throw new WorkspaceException("path " + path + " is outside the workspace");
        }
        return p;
    }

    @Override
    public void apply(String patch) {
        try {
            written = null;
            git.apply().setPatch(new ByteArrayInputStream(patch.getBytes(StandardCharsets.UTF_8))).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new WorkspaceException(e.getMessage(), e);
        }
    }

    @Override
    public String diff() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (written != null && written.isEmpty()) {
                return "";
            }
            if (fastPath()) {
                return memoryDiff();
            }
            if (written != null) {
                // Only known files changed (the loop starts each experiment from a clean state).
                var add = git.add();
                written.forEach(add::addFilepattern);
                add.call();
                git.diff().setCached(true).setPathFilter(org.eclipse.jgit.treewalk.filter.PathFilterGroup
                        .createFromStrings(written)).setOutputStream(out).call();
                return out.toString(StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            git.diff().setCached(true).setOutputStream(out).call();
            return out.toString(StandardCharsets.UTF_8);
        } catch (GitAPIException e) {
            throw new WorkspaceException("cannot diff the workspace: " + e.getMessage(), e);
        }
    }

    @Override
    public String commit(String message) {
        try {
            boolean fast = fastPath();
            if (fast) {
                java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
                for (String path : written) {
                    Path p = resolve(path);
                    files.put(path, Files.exists(p) ? Files.readAllBytes(p) : null);
                }
                return commitFiles(files, message);
            }
            RevCommit c = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR)
                    .setSign(false).call();
            headChanged = null;
            discard();
            return c.name();
        } catch (GitAPIException | IOException e) {
            throw new WorkspaceException("cannot commit in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A commit of known files straight through the index and the object store: {@code files}
     * (path to content as written in the working tree, null: deleted) are staged in the index, its
     * tree written, the commit made on HEAD and the branch moved, then the index saved; the
     * workspace is clean afterwards. This is
     * what add + commit do, without walking the working tree or looking for hooks: a keep and an
     * adoption each cost a few milliseconds less, which on a busy box is the difference between
     * a swarm's nodes running at single-node speed or not (docs/benchmarks.md).
     */
    private String commitFiles(java.util.Map<String, byte[]> files, String message) throws IOException {
        var repo = git.getRepository();
        org.eclipse.jgit.dircache.DirCache index = repo.lockDirCache();
        try (var inserter = repo.newObjectInserter()) {
            var editor = index.editor();
            for (var e : files.entrySet()) {
                if (e.getValue() == null) {
                    editor.add(new org.eclipse.jgit.dircache.DirCacheEditor.DeletePath(e.getKey()));
                    continue;
                }
                org.eclipse.jgit.lib.ObjectId blob = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, e.getValue());
                long length = e.getValue().length;
                java.time.Instant modified = Files.getLastModifiedTime(resolve(e.getKey())).toInstant();
                editor.add(new org.eclipse.jgit.dircache.DirCacheEditor.PathEdit(e.getKey()) {
                    @Override
                    public void apply(org.eclipse.jgit.dircache.DirCacheEntry entry) {
                        entry.setFileMode(org.eclipse.jgit.lib.FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                        entry.setLength(length);
                        entry.setLastModified(modified);
                    }
                });
            }
            editor.finish();
            org.eclipse.jgit.lib.ObjectId tree = index.writeTree(inserter);
            org.eclipse.jgit.lib.ObjectId head = repo.resolve(org.eclipse.jgit.lib.Constants.HEAD);
            var commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            PersonIdent who = new PersonIdent(AUTHOR, java.time.Instant.now());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            org.eclipse.jgit.lib.ObjectId id = inserter.insert(commit);
            inserter.flush();
            var update = repo.updateRef(org.eclipse.jgit.lib.Constants.HEAD);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(head);
            update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
            var result = update.update();
            if (result != org.eclipse.jgit.lib.RefUpdate.Result.FAST_FORWARD
                    && result != org.eclipse.jgit.lib.RefUpdate.Result.NEW
                    && result != org.eclipse.jgit.lib.RefUpdate.Result.FORCED) {
                throw new IOException("HEAD did not move to the new commit (" + result + ")");
            }
            index.write();
            if (!index.commit()) {
                throw new IOException("cannot save the index");
            }
            written = new java.util.HashSet<>();
            headCopies.clear();
            if (headChanged != null) {
                headChanged.addAll(files.keySet());
            }
            return id.name();
        } finally {
            index.unlock();
        }
    }

    @Override
    public void discard() {
        try {
            if (fastPath()) {
                // Only files this workspace wrote can differ, and none was staged: writing back their
                // committed contents is the same hard reset, without walking the whole tree.
                for (String path : written) {
                    String committed = headCopies.containsKey(path) ? headCopies.get(path) : readAt("HEAD", path);
                    if (committed == null) {
                        Files.deleteIfExists(resolve(path));
                    } else {
                        Files.writeString(resolve(path), committed, StandardCharsets.UTF_8);
                    }
                }
                written = new java.util.HashSet<>();
                headCopies.clear();
                return;
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).call();
            written = new java.util.HashSet<>();
            headCopies.clear();
        } catch (GitAPIException | IOException e) {
            throw new WorkspaceException("cannot reset the workspace: " + e.getMessage(), e);
        }
    }

    /**
     * Adoption without touching the rest of the tree: the target state is worked out as text
     * ({@link TextAdoption}: the base's files plus the patch, in memory) or, when that declines, in
     * the object store (the base's tree plus the patch), and only the files that differ from HEAD
     * are written, then committed as any experiment is. Falls back to reset + apply when the change
     * deletes a file or involves anything but regular files (modes, links), which writing content
     * cannot express.
     */
    @Override
    public String adopt(String lineagePatch, String message) {
        if (written == null || !written.isEmpty()) {
            return ExperimentWorkspace.super.adopt(lineagePatch, message); // not at a clean boundary
        }
        java.util.Map<String, byte[]> changed = new java.util.TreeMap<>();
        java.util.Optional<TextAdoption.Edits> edits = TextAdoption.read(lineagePatch);
        if (!(adoptAsText && edits.isPresent() && adoptAsText(edits.get(), changed))
                && !adoptInObjectStore(lineagePatch, changed)) {
            return ExperimentWorkspace.super.adopt(lineagePatch, message);
        }
        Set<String> after = edits.map(TextAdoption.Edits::paths).orElse(null);
        if (changed.isEmpty()) {
            headChanged = after;
            return head();
        }
        try {
            for (var e : changed.entrySet()) {
                Path p = resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
                written.add(e.getKey());
            }
            String commit = commitFiles(changed, message);
            headChanged = after;
            return commit;
        } catch (IOException | RuntimeException e) {
            discard();
            throw new WorkspaceException("cannot adopt in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Fills {@code changed} with the files adoption rewrites, worked out as text; false when declined. */
    private boolean adoptAsText(TextAdoption.Edits edits, java.util.Map<String, byte[]> changed) {
        if (headChanged == null) {
            headChanged = TextAdoption.read(lineagePatch()).map(TextAdoption.Edits::paths).orElse(null);
        }
        java.util.Optional<java.util.Map<String, String>> targets = headChanged == null ? java.util.Optional.empty()
                : textAdoption.targets(edits, headChanged);
        if (targets.isEmpty()) {
            return false;
        }
        try {
            for (var e : targets.get().entrySet()) {
                byte[] want = e.getValue().getBytes(StandardCharsets.UTF_8);
                Path p = resolve(e.getKey());
                if (!Files.exists(p) || !java.util.Arrays.equals(want, Files.readAllBytes(p))) { // clean: the file is HEAD's
                    changed.put(e.getKey(), want);
                }
            }
            return true;
        } catch (IOException e) {
            changed.clear();
            return false;
        }
    }

    /**
     * Fills {@code changed} with the files adoption rewrites, worked out in the object store (the
     * base's tree plus the patch, compared with HEAD's); false when only reset + apply can express
     * the change (a file deleted, anything but regular files).
     */
    private boolean adoptInObjectStore(String lineagePatch, java.util.Map<String, byte[]> changed) {
        var repo = git.getRepository();
        try (var inserter = repo.newObjectInserter(); var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            org.eclipse.jgit.lib.AnyObjectId target = walk.parseCommit(repo.resolve(baseCommit())).getTree();
            if (!lineagePatch.isEmpty()) {
                var patch = new org.eclipse.jgit.patch.Patch();
                patch.parse(new ByteArrayInputStream(lineagePatch.getBytes(StandardCharsets.UTF_8)));
                if (!patch.getErrors().isEmpty()) {
                    throw new WorkspaceException("the lineage patch does not parse: " + patch.getErrors().get(0));
                }
                var applied = new org.eclipse.jgit.patch.PatchApplier(repo, walk.parseTree(target), inserter)
                        .applyPatch(patch);
                if (!applied.getErrors().isEmpty()) {
                    throw new WorkspaceException("the lineage patch does not apply: " + applied.getErrors().get(0));
                }
                inserter.flush();
                target = applied.getTreeId();
            }
            try (var tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
                tw.addTree(walk.parseCommit(repo.resolve("HEAD")).getTree());
                tw.addTree(walk.parseTree(target));
                tw.setRecursive(true);
                tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    if (tw.getFileMode(1) != org.eclipse.jgit.lib.FileMode.REGULAR_FILE
                            || (tw.getFileMode(0) != org.eclipse.jgit.lib.FileMode.REGULAR_FILE
                                && tw.getFileMode(0) != org.eclipse.jgit.lib.FileMode.MISSING)) {
                        changed.clear();
                        return false;
                    }
                    changed.put(tw.getPathString(), repo.open(tw.getObjectId(1)).getBytes());
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WorkspaceException w) {
                throw w;
            }
            throw new WorkspaceException("cannot adopt in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Turns adoption as text off (tests compare it with the object-store path). */
    GitWorkspace textAdoption(boolean on) {
        adoptAsText = on;
        return this;
    }

    /** In-process run steps and only known files written: diff and reset need not touch the index. */
    private boolean fastPath() {
        return onlyWrittenChange && written != null && !written.isEmpty() && written.size() <= 16;
    }

    /** A unified diff of the written files against HEAD, computed in memory (same shape as git's). */
    private String memoryDiff() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String path : new java.util.TreeSet<>(written)) {
                String before = readAt("HEAD", path);
                headCopies.put(path, before);
                String after = read(path);
                if (java.util.Objects.equals(before, after)) {
                    continue;
                }
                StringBuilder head = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
                if (before == null) {
                    head.append("new file mode 100644\n--- /dev/null\n");
                } else {
                    head.append("--- a/").append(path).append('\n');
                }
                if (after == null) {
                    head.insert(head.indexOf("\n") + 1, "deleted file mode 100644\n");
                    head.append("+++ /dev/null\n");
                } else {
                    head.append("+++ b/").append(path).append('\n');
                }
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                var a = new org.eclipse.jgit.diff.RawText(before == null ? new byte[0] : before.getBytes(StandardCharsets.UTF_8));
                var b = new org.eclipse.jgit.diff.RawText(after == null ? new byte[0] : after.getBytes(StandardCharsets.UTF_8));
                var edits = new org.eclipse.jgit.diff.HistogramDiff().diff(org.eclipse.jgit.diff.RawTextComparator.DEFAULT, a, b);
                try (var formatter = new org.eclipse.jgit.diff.DiffFormatter(out)) {
                    formatter.format(edits, a, b);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceException("cannot diff the workspace: " + e.getMessage(), e);
        }
    }

    /**
     * Declares that experiments' run steps never write into the workspace (built-in objectives run
     * in-process), so a discard need only restore the files this workspace wrote.
     */
    public GitWorkspace onlyWrittenChange(boolean value) {
        this.onlyWrittenChange = value;
        return this;
    }

    /** The underlying repository, for history queries in tests and tools. */
    public Git git() {
        return git;
    }

    @Override
    public void close() {
        git.close();
    }
}
