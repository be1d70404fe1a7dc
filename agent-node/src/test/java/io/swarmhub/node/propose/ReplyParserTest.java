package io.swarmhub.node.propose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.ProposalException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing model replies into edits: the formats models actually write, and the ones to refuse. */
class ReplyParserTest {
    static final String TRAIN = "import torch\n\nLR = 0.004\nDEPTH = 4\n\ndef train():\n    pass\n";
    static final Map<String, String> FILES = Map.of("train.py", TRAIN, "prepare.py", "TIME_BUDGET = 300\n");
    final ReplyParser parser = new ReplyParser(new EditablePaths(List.of("train.py", "src/**"), List.of("prepare.py")));

    private ReplyParser.Parsed parse(String reply) throws ProposalException {
        return parser.parse(reply, FILES::get);
    }

    @Test
    void parse_gitDiff() throws Exception {
        ReplyParser.Parsed p = parse("""
                diff --git a/train.py b/train.py
                index 1111111..2222222 100644
                --- a/train.py
                +++ b/train.py
                @@ -2,3 +2,3 @@ import torch
                 
                -LR = 0.004
                +LR = 0.006
                 DEPTH = 4
                """);
        assertEquals(Map.of("train.py", TRAIN.replace("0.004", "0.006")), p.edits());
        assertEquals("edit train.py", p.description());
    }

    @Test
    void parse_diffWithWrongCountsLineNumbersAndLostSpaces() throws Exception {
        ReplyParser.Parsed p = parse("""
                DESCRIPTION: **deeper net**: DEPTH 4 -> 6
                --- train.py
                +++ train.py
                @@ -40,9 +40,12 @@
                 LR = 0.004
                -DEPTH = 4
                +DEPTH = 6

                def train():
                """);
        assertEquals(TRAIN.replace("DEPTH = 4", "DEPTH = 6"), p.edits().get("train.py"));
        assertEquals("deeper net: DEPTH 4 -> 6", p.description());
    }

    @Test
    void parse_twoFilesAndANewOne() throws Exception {
        ReplyParser.Parsed p = parse("""
                ```diff
                --- a/train.py
                +++ b/train.py
                @@ -7 +7,2 @@
                     pass
                +    return None
                --- /dev/null
                +++ b/src/util.py
                @@ -0,0 +1,2 @@
                +def helper():
                +    return 1
                ```
                """);
        assertEquals(TRAIN + "    return None\n", p.edits().get("train.py"));
        assertEquals("def helper():\n    return 1\n", p.edits().get("src/util.py"));
    }

    @Test
    void parse_searchReplaceBlocksInSequence() throws Exception {
        ReplyParser.Parsed p = parse("""
                Raise the learning rate and widen.

                train.py
                ```python
                <<<<<<< SEARCH
                LR = 0.004
                =======
                LR = 0.01
                >>>>>>> REPLACE
                ```

                ```python
                <<<<<<< SEARCH
                DEPTH = 4\s\s\s
                =======
                DEPTH = 8
                >>>>>>> REPLACE
                ```
                """);
        assertEquals(TRAIN.replace("0.004", "0.01").replace("DEPTH = 4", "DEPTH = 8"), p.edits().get("train.py"));
        assertEquals("Raise the learning rate and widen.", p.description());
    }

    @Test
    void parse_keepsMissingFinalNewline() throws Exception {
        ReplyParser r = new ReplyParser(new EditablePaths(List.of("a.txt"), List.of()));
        ReplyParser.Parsed p = r.parse("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n\\ No newline at end of file\n+2\n\\ No newline at end of file\n",
                Map.of("a.txt", "one\ntwo")::get);
        assertEquals("one\n2", p.edits().get("a.txt"));
    }

    @Test
    void parse_refusals() {
        List<String[]> cases = List.of(
                new String[] {"", "the reply is empty"},
                new String[] {"Just lower the learning rate.", "neither a unified diff nor SEARCH/REPLACE"},
                new String[] {"--- a/prepare.py\n+++ b/prepare.py\n@@ -1 +1 @@\n-TIME_BUDGET = 300\n+TIME_BUDGET = 900\n",
                    "'prepare.py' is protected"},
                new String[] {"--- a/README.md\n+++ b/README.md\n@@ -0,0 +1 @@\n+hi\n", "'README.md' is not editable"},
                new String[] {"--- a/../etc/passwd\n+++ b/../etc/passwd\n@@ -1 +1 @@\n-x\n+y\n", "outside the workspace"},
                new String[] {"--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-x\n+y\n", "outside the workspace"},
                new String[] {"--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-x\n+y\n", "not a workspace file"},
                new String[] {"train.py\n<<<<<<< SEARCH\nLR = 0.5\n=======\nLR = 1\n>>>>>>> REPLACE\n", "does not match the file: 'LR = 0.5'"},
                new String[] {"train.py\n<<<<<<< SEARCH\nLR = 0.004\n=======\nLR = 1\n", "is not closed"},
                new String[] {"<<<<<<< SEARCH\nLR = 0.004\n=======\nLR = 1\n>>>>>>> REPLACE\n", "names no file"},
                new String[] {"train.py\n<<<<<<< SEARCH\nLR = 0.004\n=======\nLR = 0.004\n>>>>>>> REPLACE\n", "the reply changes nothing"},
                new String[] {"--- a/train.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-import torch\n", "deleting files is not supported"},
                new String[] {"--- a/train.py\n+++ b/train.py\n", "has no hunks"});
        for (String[] c : cases) {
            ProposalException e = assertThrows(ProposalException.class, () -> parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), () -> "for " + c[0] + " expected '" + c[1] + "', got: " + e.getMessage());
        }
    }

    @Test
    void apply_gitDiffOfTheWorkspaceRoundTrips() throws Exception {
        String base = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String patch = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n@@ -6,3 +6,4 @@\n f\n g\n h\n+i\n";
        List<TextPatch.FilePatch> files = TextPatch.parse(patch);
        assertEquals(1, files.size());
        assertEquals(2, files.get(0).hunks().size());
        assertEquals("A\nb\nc\nd\ne\nf\ng\nh\ni\n", TextPatch.apply(base, files.get(0)));
    }

    @Test
    void apply_removedLineThatLooksLikeAHeader() throws Exception {
        String sql = "-- comment\n+ plus\nselect 1;\n";
        String patch = "--- a/q.sql\n+++ b/q.sql\n@@ -1,3 +1,3 @@\n--- comment\n+++ new\n + plus\n select 1;\n";
        List<TextPatch.FilePatch> files = TextPatch.parse(patch);
        assertEquals(1, files.size(), "the hunk's counts say '--- comment' is content, not a header");
        assertEquals("++ new\n+ plus\nselect 1;\n", TextPatch.apply(sql, files.get(0)));
    }
}
