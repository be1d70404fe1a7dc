package io.swarmhub.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link TextAdoption}: which lineage patches it takes, and what it makes of them. */
class TextAdoptionTest {
    private static final Map<String, String> BASE = Map.of(
            "params.properties", "x0 = 1.0\nx1 = 2.0\nx2 = 3.0\n",
            "train.py", "lr = 0.1\nepochs = 3",
            "crlf.txt", "a\r\nb\r\n");

    private static final TextAdoption ADOPTION = new TextAdoption(path -> {
        String s = BASE.get(path);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    });

    /** A lineage patch read, then its targets; empty when either declines. */
    private static Optional<Map<String, String>> targets(String patch, Set<String> headChanged) {
        return TextAdoption.read(patch).flatMap(edits -> ADOPTION.targets(edits, headChanged));
    }

    private static Optional<Set<String>> paths(String patch) {
        return TextAdoption.read(patch).map(TextAdoption.Edits::paths);
    }

    private static final String EDIT_X1 = "diff --git a/params.properties b/params.properties\n"
            + "index 1111111..2222222 100644\n--- a/params.properties\n+++ b/params.properties\n"
            + "@@ -1,3 +1,3 @@\n x0 = 1.0\n-x1 = 2.0\n+x1 = 0.5\n x2 = 3.0\n";

    @Test
    void edits_appliedToTheBase_andHeadsOwnChangesGoBackToTheBase() {
        Optional<Map<String, String>> t = targets(EDIT_X1, Set.of("train.py"));
        assertEquals(Optional.of(Map.of("params.properties", "x0 = 1.0\nx1 = 0.5\nx2 = 3.0\n",
                "train.py", "lr = 0.1\nepochs = 3")), t);
        assertEquals(Optional.of(Set.of("params.properties")), paths(EDIT_X1));
    }

    @Test
    void emptyPatch_isTheBase() {
        assertEquals(Optional.of(Map.of("params.properties", BASE.get("params.properties"))),
                targets("", Set.of("params.properties")));
        assertEquals(Optional.of(Set.of()), paths(""));
    }

    @Test
    void noNewlineAtTheEnd_kept() {
        String patch = "diff --git a/train.py b/train.py\n--- a/train.py\n+++ b/train.py\n"
                + "@@ -1,2 +1,2 @@\n-lr = 0.1\n+lr = 0.3\n epochs = 3\n\\ No newline at end of file\n";
        assertEquals("lr = 0.3\nepochs = 3", targets(patch, Set.of()).orElseThrow().get("train.py"));
    }

    @Test
    void declines_whatOnlyTheObjectStoreCanDo() {
        String created = "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1 @@\n+x = 1\n";
        String deleted = "diff --git a/train.py b/train.py\ndeleted file mode 100644\n--- a/train.py\n+++ /dev/null\n"
                + "@@ -1,2 +0,0 @@\n-lr = 0.1\n-epochs = 3\n\\ No newline at end of file\n";
        String binary = "diff --git a/w.bin b/w.bin\nindex 1111111..2222222 100644\nBinary files a/w.bin and b/w.bin differ\n";
        String mode = "diff --git a/train.py b/train.py\nold mode 100644\nnew mode 100755\n";
        String crlf = "diff --git a/crlf.txt b/crlf.txt\n--- a/crlf.txt\n+++ b/crlf.txt\n@@ -1,2 +1,2 @@\n-a\r\n+c\r\n b\r\n";
        String unknownFile = EDIT_X1.replace("params.properties", "absent.properties");
        String stale = EDIT_X1.replace(" x2 = 3.0\n", " x2 = 9.9\n"); // does not match the base
        for (String patch : new String[] {created, deleted, binary, mode, crlf, unknownFile, stale, EDIT_X1 + binary}) {
            assertTrue(targets(patch, Set.of()).isEmpty(), patch);
        }
        assertTrue(targets(EDIT_X1, Set.of("crlf.txt")).isEmpty(), "HEAD changed a file that is not plain text");
        assertTrue(targets(EDIT_X1, Set.of("made-by-this-node.py")).isEmpty(), "HEAD holds a file the base lacks");
    }
}
