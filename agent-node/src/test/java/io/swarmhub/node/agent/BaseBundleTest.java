package io.swarmhub.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.node.WorkspaceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseBundleTest {
    @TempDir
    Path tmp;

    @Test
    void unpackTo_roundTrip() throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base/sub"));
        Files.writeString(tmp.resolve("base/params.properties"), "x0 = 1\n");
        Files.writeString(base.resolve("eval.py"), "print('objective: 1')\n");
        BaseBundle bundle = BaseBundle.of(tmp.resolve("base"));
        bundle.unpackTo(tmp.resolve("out"));
        assertEquals("x0 = 1\n", Files.readString(tmp.resolve("out/params.properties")));
        assertEquals("print('objective: 1')\n", Files.readString(tmp.resolve("out/sub/eval.py")));
        assertEquals(40, bundle.commit().length());
    }

    @Test
    void unpackTo_onlyTheFiles_cloneTo_aRepositoryAtTheBaseCommit() throws Exception {
        Files.createDirectories(tmp.resolve("base"));
        Files.writeString(tmp.resolve("base/params.properties"), "x0 = 1\n");
        Path script = tmp.resolve("base/run.sh");
        Files.writeString(script, "#!/bin/sh\necho objective: 1\n");
        script.toFile().setExecutable(true);
        BaseBundle bundle = BaseBundle.of(tmp.resolve("base"));
        bundle.unpackTo(tmp.resolve("nodes/c1/base"));
        assertFalse(Files.exists(tmp.resolve("nodes/c1/base/.git")), "a node's base is files only");
        assertTrue(Files.isExecutable(tmp.resolve("nodes/c1/base/run.sh")), "the executable bit travels");
        try (var left = Files.list(tmp.resolve("nodes/c1"))) {
            assertEquals(List.of("base"), left.map(p -> p.getFileName().toString()).toList(), "no staging directory left");
        }
        bundle.cloneTo(tmp.resolve("checkout"));
        try (Git git = Git.open(tmp.resolve("checkout").toFile())) {
            assertEquals(bundle.commit(), git.getRepository().resolve("HEAD").name());
        }
        assertEquals("x0 = 1\n", Files.readString(tmp.resolve("checkout/params.properties")));
    }

    @Test
    void unpackTo_aBundleWithALink_writesTheLinkAfterTheFiles() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("params.properties"), "x0 = 1\n");
        Files.createSymbolicLink(repo.resolve("latest.properties"), Path.of("params.properties"));
        byte[] bytes;
        String commit;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("base").setSign(false).call().name();
            var out = new java.io.ByteArrayOutputStream();
            var writer = new org.eclipse.jgit.transport.BundleWriter(git.getRepository());
            writer.include("refs/heads/main", org.eclipse.jgit.lib.ObjectId.fromString(commit));
            writer.writeBundle(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, out);
            bytes = out.toByteArray();
        }
        new BaseBundle(bytes, commit).unpackTo(tmp.resolve("out"));
        assertEquals(Path.of("params.properties"), Files.readSymbolicLink(tmp.resolve("out/latest.properties")));
        assertEquals("x0 = 1\n", Files.readString(tmp.resolve("out/latest.properties")));
    }

    @Test
    void unpackTo_corruptOrWrongBundle_clearErrorAndNothingLeft() throws Exception {
        Files.createDirectories(tmp.resolve("base"));
        Files.writeString(tmp.resolve("base/params.properties"), "x0 = 1\n");
        BaseBundle good = BaseBundle.of(tmp.resolve("base"));
        WorkspaceException corrupt = assertThrows(WorkspaceException.class,
                () -> new BaseBundle("not a bundle".getBytes(), good.commit()).unpackTo(tmp.resolve("n/base")));
        assertTrue(corrupt.getMessage().contains("cannot unpack the campaign base"), corrupt.getMessage());
        WorkspaceException wrong = assertThrows(WorkspaceException.class,
                () -> new BaseBundle(good.bytes(), "0".repeat(40)).unpackTo(tmp.resolve("n/base")));
        assertTrue(wrong.getMessage().contains("does not hold commit"), wrong.getMessage());
        try (var left = Files.list(tmp.resolve("n"))) {
            assertEquals(0, left.count(), "neither a base nor a staging directory is left behind");
        }
    }

    @Test
    void deviceFor_slotsMapToGpus() throws Exception {
        assertEquals("cpu", HardwareProbe.deviceFor(0, java.util.List.of()));
        assertEquals("cuda:1", HardwareProbe.deviceFor(3, java.util.List.of("A", "B")));
        Path fake = tmp.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\necho 'NVIDIA H100 80GB HBM3'\necho 'NVIDIA H100 80GB HBM3'\n");
        fake.toFile().setExecutable(true);
        assertEquals(2, new HardwareProbe(fake.toString()).gpus().size());
        assertFalse(new HardwareProbe(tmp.resolve("absent").toString()).probe().getCpuModel().isEmpty());
        assertEquals(0, new HardwareProbe(tmp.resolve("absent").toString()).gpus().size());
    }
}
