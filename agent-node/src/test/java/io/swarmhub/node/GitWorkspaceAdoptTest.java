package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adoption must give the same state whichever way it runs: the in-object-store fast path (in-process
 * run steps) and the reset + apply path (command run steps), from a HEAD that already differs from
 * the base, with new files, and with deletions (which take the fallback).
 */
class GitWorkspaceAdoptTest {
    @TempDir
    Path tmp;
    private Path base;

    @BeforeEach
    void base() throws Exception {
        base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("params.properties"), "x0 = 1.0\nx1 = 2.0\n");
        Files.writeString(base.resolve("notes.txt"), "keep me\n");
        Files.createDirectories(base.resolve("src"));
        Files.writeString(base.resolve("src/train.py"), "lr = 0.1\n");
    }

    /** A lineage patch made the way nodes make one: edits committed on a scratch workspace, diffed from the base. */
    private String lineagePatch(String name, java.util.function.Consumer<GitWorkspace> edits) {
        try (GitWorkspace w = GitWorkspace.openOrCreate(tmp.resolve(name), base)) {
            edits.accept(w);
            w.diff();
            w.commit("peer change");
            return w.lineagePatch();
        }
    }

    @ParameterizedTest(name = "onlyWrittenChange={0}")
    @ValueSource(booleans = {true, false})
    void adopt_fromAnotherKeptState_reachesBasePlusPatch(boolean fast) throws Exception {
        String patch = lineagePatch("peer", w -> {
            w.write("params.properties", "x0 = 0.5\nx1 = 2.0\n");
            w.write("src/new.py", "print('hi')\n");
        });
        try (GitWorkspace w = GitWorkspace.openOrCreate(tmp.resolve("ws"), base).onlyWrittenChange(fast)) {
            w.write("src/train.py", "lr = 0.3\n"); // this node's own kept change, not on the peer's lineage
            w.diff();
            String own = w.commit("own keep");
            String adopted = w.adopt(patch, "adopt peer");
            assertNotEquals(own, adopted);
            assertEquals(adopted, w.head());
            assertEquals("x0 = 0.5\nx1 = 2.0\n", w.read("params.properties"));
            assertEquals("print('hi')\n", w.read("src/new.py"));
            assertEquals("lr = 0.1\n", w.read("src/train.py"), "back to the base where the peer did not change it");
            assertEquals(patch, w.lineagePatch(), "the adopted state is exactly base + patch");
            assertEquals("", w.diff(), "clean after adopting");
            assertEquals(adopted, w.adopt(patch, "again"), "adopting the same state twice commits nothing");
        }
    }

    @ParameterizedTest(name = "onlyWrittenChange={0}")
    @ValueSource(booleans = {true, false})
    void adopt_patchDeletingAFile_fallsBackAndDeletes(boolean fast) throws Exception {
        String patch;
        try (GitWorkspace peer = GitWorkspace.openOrCreate(tmp.resolve("peer"), base)) {
            Files.delete(peer.dir().resolve("notes.txt"));
            peer.apply(""); // marks the tree as changed outside write()
            peer.diff();
            peer.commit("drop notes");
            patch = peer.lineagePatch();
        }
        try (GitWorkspace w = GitWorkspace.openOrCreate(tmp.resolve("ws"), base).onlyWrittenChange(fast)) {
            w.adopt(patch, "adopt deletion");
            assertNull(w.read("notes.txt"));
            assertEquals(patch, w.lineagePatch());
        }
    }

    @ParameterizedTest(name = "onlyWrittenChange={0}")
    @ValueSource(booleans = {true, false})
    void adopt_patchThatDoesNotApply_throwsAndLeavesTheWorkspaceAlone(boolean fast) throws Exception {
        String bad = "diff --git a/params.properties b/params.properties\n--- a/params.properties\n+++ b/params.properties\n"
                + "@@ -1,2 +1,2 @@\n-x0 = 9.9\n+x0 = 0.1\n x1 = 2.0\n";
        try (GitWorkspace w = GitWorkspace.openOrCreate(tmp.resolve("ws"), base).onlyWrittenChange(fast)) {
            String before = w.head();
            assertThrows(WorkspaceException.class, () -> w.adopt(bad, "adopt"));
            w.moveTo(before);
            assertEquals(before, w.head());
            assertEquals("x0 = 1.0\nx1 = 2.0\n", w.read("params.properties"));
            assertFalse(w.lineagePatch().contains("x0"));
        }
    }

    /** A file of numbered lines with a few of them changed at random, sometimes without the last newline. */
    private static String variant(java.util.Random r, int lines) {
        StringBuilder b = new StringBuilder();
        int n = lines + r.nextInt(5) - 2;
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(6) == 0 ? "changed " + r.nextInt(100) : "line " + i).append('\n');
        }
        if (r.nextInt(4) == 0) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    @org.junit.jupiter.api.Test
    void adopt_asTextOrInTheObjectStore_sameStateOverRandomLineages() throws Exception {
        java.util.Random r = new java.util.Random(7);
        Files.writeString(base.resolve("model.py"), variant(new java.util.Random(1), 40));
        try (GitWorkspace text = GitWorkspace.openOrCreate(tmp.resolve("text"), base).onlyWrittenChange(true);
             GitWorkspace store = GitWorkspace.openOrCreate(tmp.resolve("store"), base).onlyWrittenChange(true)
                     .textAdoption(false)) {
            for (int round = 0; round < 40; round++) {
                String[] files = {"params.properties", "model.py", "src/train.py"};
                java.util.Map<String, String> peer = new java.util.HashMap<>();
                for (String f : files) {
                    if (r.nextBoolean()) {
                        peer.put(f, variant(r, f.equals("model.py") ? 40 : 3));
                    }
                }
                String patch = peer.isEmpty() ? "" : lineagePatch("peer-" + round, w -> peer.forEach(w::write));
                if (r.nextInt(3) == 0) { // the node keeps a change of its own first: HEAD differs from the base
                    String f = files[r.nextInt(files.length)];
                    String own = variant(r, 5);
                    for (GitWorkspace w : new GitWorkspace[] {text, store}) {
                        w.write(f, own);
                        if (!w.diff().isEmpty()) {
                            w.commit("own " + round);
                        } else {
                            w.discard();
                        }
                    }
                }
                text.adopt(patch, "adopt " + round);
                store.adopt(patch, "adopt " + round);
                assertEquals(store.lineagePatch(), text.lineagePatch(), "round " + round);
                assertEquals(patch, text.lineagePatch(), "round " + round + ": exactly base + patch");
                for (String f : files) {
                    assertEquals(store.read(f), text.read(f), "round " + round + ": " + f);
                }
                assertEquals("", text.diff(), "clean after adopting");
            }
        }
    }
}
