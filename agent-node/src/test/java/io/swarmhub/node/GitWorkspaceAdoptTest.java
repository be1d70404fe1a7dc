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
}
