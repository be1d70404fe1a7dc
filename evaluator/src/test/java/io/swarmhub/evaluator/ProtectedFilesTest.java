package io.swarmhub.evaluator;

import static io.swarmhub.evaluator.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmhub.protocol.Globs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints of protected files, and the changes between two of them. */
class ProtectedFilesTest {
    @TempDir
    Path ws;

    private final ProtectedFiles files = new ProtectedFiles(new Globs(List.of("eval/**", "data.csv")));

    @Test
    void snapshot_coversOnlyProtectedFilesOutsideGit() throws IOException {
        write(ws, "eval/score.py", "score");
        write(ws, "data.csv", "1,2");
        write(ws, "train.py", "train");
        write(ws, ".git/eval/x", "git internals");

        assertEquals(List.of("data.csv", "eval/score.py"), List.copyOf(files.snapshot(ws).keySet()));
    }

    @Test
    void firstChange_namesModifiedAddedAndDeletedFiles() throws IOException {
        write(ws, "eval/score.py", "score");
        Map<String, String> before = files.snapshot(ws);

        write(ws, "eval/score.py", "rigged");
        assertEquals(Optional.of("protected file eval/score.py was modified by the run step"),
                ProtectedFiles.firstChange(before, files.snapshot(ws)));

        write(ws, "eval/score.py", "score");
        write(ws, "eval/extra.py", "new");
        assertEquals(Optional.of("protected file eval/extra.py was added by the run step"),
                ProtectedFiles.firstChange(before, files.snapshot(ws)));

        Files.delete(ws.resolve("eval/extra.py"));
        Files.delete(ws.resolve("eval/score.py"));
        Files.createSymbolicLink(ws.resolve("eval/score.py"), ws.resolve("train.py"));
        assertEquals(Optional.of("protected file eval/score.py was modified by the run step"),
                ProtectedFiles.firstChange(before, files.snapshot(ws)));

        Files.delete(ws.resolve("eval/score.py"));
        assertEquals(Optional.of("protected file eval/score.py was deleted by the run step"),
                ProtectedFiles.firstChange(before, files.snapshot(ws)));
    }
}
