package io.swarmhub.node.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.evaluator.Evaluation;
import io.swarmhub.evaluator.Evaluator;
import io.swarmhub.evaluator.Outcome;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.Direction;
import io.swarmhub.protocol.v1.Goal;
import io.swarmhub.protocol.v1.Hardware;
import io.swarmhub.protocol.v1.RunStep;
import io.swarmhub.protocol.v1.WorkspaceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake nvidia-smi with two GPUs: each slot gets its own device, and the experiment sees it. */
class SlotDeviceTest {
    @TempDir
    Path dir;

    private HardwareProbe fakeProbe(String output, int exit) throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nprintf '" + output + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new HardwareProbe(smi.toString());
    }

    @Test
    void slotEnvironment_twoFakeGpus_slotsMapToCudaDevices() throws Exception {
        List<String> gpus = fakeProbe("NVIDIA H100 80GB HBM3\\nNVIDIA H100 80GB HBM3\\n", 0).gpus();
        Hardware hw = Hardware.newBuilder().setCores(16).addAllGpus(gpus).build();

        assertEquals(2, gpus.size());
        assertEquals("cuda:0", HardwareProbe.slotEnvironment(0, 2, hw, dir).get("SWARM_DEVICE"));
        assertEquals("cuda:1", HardwareProbe.slotEnvironment(1, 2, hw, dir).get("SWARM_DEVICE"));
        assertEquals("cuda:0", HardwareProbe.slotEnvironment(2, 3, hw, dir).get("SWARM_DEVICE"));
        assertEquals("8", HardwareProbe.slotEnvironment(1, 2, hw, dir).get("SWARM_THREADS"));
        String env = System.getenv("SWARM_DJL_CACHE");
        String expected = env != null && !env.isBlank() ? env : dir.resolve("djl-cache").toAbsolutePath().toString();
        assertEquals(expected, HardwareProbe.slotEnvironment(0, 2, hw, dir).get("SWARM_DJL_CACHE"),
                "the native-library cache lives under the node's data directory");
    }

    @Test
    void slotEnvironment_failingNvidiaSmi_cpu() throws Exception {
        List<String> gpus = fakeProbe("NVIDIA-SMI has failed\\n", 9).gpus();
        Hardware hw = Hardware.newBuilder().setCores(2).addAllGpus(gpus).build();

        assertEquals(List.of(), gpus);
        assertEquals("cpu", HardwareProbe.slotEnvironment(1, 2, hw, dir).get("SWARM_DEVICE"));
        assertEquals("1", HardwareProbe.slotEnvironment(1, 2, hw, dir).get("SWARM_THREADS"));
    }

    @Test
    void evaluate_slotEnvironment_reachesTheExperiment() throws Exception {
        List<String> gpus = fakeProbe("GPU A\\nGPU B\\n", 0).gpus();
        Map<String, String> slotEnv = HardwareProbe.slotEnvironment(1, 2,
                Hardware.newBuilder().setCores(4).addAllGpus(gpus).build(), dir);
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Campaign campaign = Campaign.newBuilder()
                .setName("device")
                .setGoal(Goal.newBuilder().setMetric("val_bpb").setDirection(Direction.MINIMIZE))
                .setWorkspace(WorkspaceSpec.newBuilder().addEditable("x"))
                .setRun(RunStep.newBuilder().setBudgetSeconds(10).addAllCommand(List.of("sh", "-c",
                        "echo \"device=$SWARM_DEVICE threads=$SWARM_THREADS\"; echo \"gpu: ${SWARM_DEVICE#cuda:}\";"
                                + " echo 'val_bpb: 1'")))
                .build();

        Evaluation e = new Evaluator(campaign, slotEnv).evaluate("exp", workspace, dir.resolve("exp.log"));

        assertEquals(Outcome.OK, e.outcome(), e.message());
        assertEquals(1.0, e.metrics().get("gpu"));
        assertTrue(Files.readString(dir.resolve("exp.log")).contains("device=cuda:1 threads=2"), e.logTail());
    }
}
