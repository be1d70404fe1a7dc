package io.swarmhub.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.Globs;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.GuardSpec;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guard's verdict on a table of patches, each refusal with the reason it must give. */
class PatchGuardTest {
    private static final PatchGuard GUARD =
            new PatchGuard(new Globs(List.of("train.py", "src/**", "train.properties")), 2000);

    private static final String EDIT = """
            diff --git a/train.py b/train.py
            index 83db48f..bf269f4 100644
            --- a/train.py
            +++ b/train.py
            @@ -1,3 +1,3 @@
             import torch
            -lr = 0.01
            +lr = 0.02
             steps = 100
            """;

    static Stream<Arguments> acceptable() {
        return Stream.of(
                Arguments.of("edit of an editable file", EDIT),
                Arguments.of("empty patch (the baseline)", ""),
                Arguments.of("new file under an editable glob", """
                        diff --git a/src/model.py b/src/model.py
                        new file mode 100644
                        index 0000000..e69de29
                        --- /dev/null
                        +++ b/src/model.py
                        @@ -0,0 +1,2 @@
                        +x = 1
                        +y = 2
                        \\ No newline at end of file
                        """),
                Arguments.of("hunk content that looks like headers", """
                        --- a/train.py
                        +++ b/train.py
                        @@ -1,2 +1,2 @@
                        --- a/etc/passwd
                        -+++ b/etc/passwd
                        +diff --git a/x b/x
                        ++++ b/../../x
                        """),
                Arguments.of("rename inside editable paths", """
                        diff --git a/src/a.py b/src/b.py
                        similarity index 100%
                        rename from src/a.py
                        rename to src/b.py
                        """),
                Arguments.of("quoted name with a space", """
                        diff --git "a/src/my file.py" "b/src/my file.py"
                        --- "a/src/my file.py"
                        +++ "b/src/my file.py"
                        @@ -1 +1 @@
                        -a
                        +b
                        """),
                Arguments.of("deletion of an editable file", """
                        diff --git a/src/old.py b/src/old.py
                        deleted file mode 100644
                        index e69de29..0000000
                        --- a/src/old.py
                        +++ /dev/null
                        @@ -1 +0,0 @@
                        -gone
                        """));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("outside editable", EDIT.replace("train.py", "eval/score.py"),
                        "path 'eval/score.py' is outside the editable paths"),
                Arguments.of("dot-dot segment", EDIT.replace("train.py", "src/../eval/score.py"),
                        "contains a '..' segment"),
                Arguments.of("absolute path", """
                        --- /etc/passwd
                        +++ /etc/passwd
                        @@ -1 +1 @@
                        -root
                        +toor
                        """, "is absolute"),
                Arguments.of("absolute path behind the prefix", EDIT.replace("a/train.py", "a//etc/passwd"),
                        "is absolute"),
                Arguments.of("new symlink", """
                        diff --git a/src/link b/src/link
                        new file mode 120000
                        index 0000000..8c8f5f5
                        --- /dev/null
                        +++ b/src/link
                        @@ -0,0 +1 @@
                        +../../eval/score.py
                        \\ No newline at end of file
                        """, "symlink"),
                Arguments.of("mode change to symlink", """
                        diff --git a/train.py b/train.py
                        old mode 100644
                        new mode 120000
                        """, "symlink"),
                Arguments.of("symlink in index line", EDIT.replace("100644", "120000"), "symlink"),
                Arguments.of("git binary patch", """
                        diff --git a/src/w.bin b/src/w.bin
                        new file mode 100644
                        index 0000000..1b1cb4d
                        GIT binary patch
                        literal 12
                        TcmZQzKn0Kt0
                        """, "binary"),
                Arguments.of("binary files differ", """
                        diff --git a/src/w.bin b/src/w.bin
                        index 1b1cb4d..2c2dc5e 100644
                        Binary files a/src/w.bin and b/src/w.bin differ
                        """, "binary"),
                Arguments.of("NUL byte", EDIT.replace("lr = 0.02", "lr = \0"), "binary"),
                Arguments.of("too large", EDIT + "x".repeat(2000), "over the limit of 2000 bytes"),
                Arguments.of("rename out of editable paths", """
                        diff --git a/train.py b/eval/train.py
                        similarity index 100%
                        rename from train.py
                        rename to eval/train.py
                        """, "'eval/train.py' is outside the editable paths"),
                Arguments.of("copy of a protected file", """
                        diff --git a/eval/score.py b/src/score.py
                        similarity index 100%
                        copy from eval/score.py
                        copy to src/score.py
                        """, "'eval/score.py' is outside the editable paths"),
                Arguments.of("into .git", EDIT.replace("train.py", "src/.git/hooks/pre-commit"), "inside .git"),
                Arguments.of("no prefix", EDIT.replace("a/train.py", "train.py"), "malformed"),
                Arguments.of("bad hunk header", EDIT.replace("@@ -1,3 +1,3 @@", "@@ -1,x +1 @@"), "malformed"),
                Arguments.of("hunk shorter than its header", EDIT.replace("@@ -1,3 +1,3 @@", "@@ -1,5 +1,5 @@"),
                        "malformed"),
                Arguments.of("missing +++", "--- a/train.py\n@@ -1 +1 @@\n-a\n+b\n", "malformed"),
                Arguments.of("hunk without file header", "@@ -1 +1 @@\n-a\n+b\n", "malformed"),
                Arguments.of("prose instead of a diff", "Here is my change: set lr to 0.02\n", "malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptable")
    void check_acceptable(String name, String patch) {
        assertEquals(Optional.empty(), GUARD.check(patch));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void check_refused(String name, String patch, String reason) {
        Optional<String> verdict = GUARD.check(patch);
        assertTrue(verdict.isPresent(), name + " was accepted");
        assertTrue(verdict.get().contains(reason), name + ": '" + verdict.get() + "' lacks '" + reason + "'");
    }

    @Test
    void forCampaign_usesDefaultLimitWhenUnset() {
        Campaign campaign = Campaign.newBuilder()
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("train.py"))
                .setGuard(GuardSpec.newBuilder())
                .build();
        PatchGuard guard = PatchGuard.forCampaign(campaign);

        String big = EDIT.replace("+lr = 0.02\n", "+lr = 0.02\n" + "#".repeat(70_000) + "\n");
        assertEquals(Optional.empty(), guard.check(EDIT));
        assertTrue(guard.check(big).orElseThrow().contains("over the limit of 65536 bytes"));
    }
}
