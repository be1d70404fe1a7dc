package io.swarmhub.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
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
