package io.swarmhub.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's rules for {@code run: { builtin: charlm }}. */
class CharLmCampaignTest {
    private static final String GOOD = """
            name: lm
            goal: { metric: val_bpb, direction: minimize }
            workspace: { editable: [train.properties, Train.java] }
            run: { builtin: charlm, budget_seconds: 60 }
            proposers:
              - kind: mutation
                file: train.properties
                space: { lr: { type: logfloat, min: 0.001, max: 0.03 } }
            """;

    @TempDir
    Path dir;

    private String problems(String yaml, boolean withSource) throws IOException {
        Files.writeString(dir.resolve("train.properties"), "lr = 0.006\n");
        Files.writeString(dir.resolve("program.md"), "# lm\n");
        if (withSource) {
            Files.writeString(dir.resolve("Train.java"), "public class Train {}\n");
        }
        Path f = dir.resolve("campaign.yaml");
        Files.writeString(f, yaml);
        return assertThrows(CampaignException.class, () -> CampaignLoader.load(f)).getMessage();
    }

    @Test
    void load_shippedCharLmExample() throws Exception {
        Campaign c = CampaignLoader.load(Path.of("..", "examples", "charlm", "campaign.yaml"));
        assertEquals(Builtins.CHARLM, c.getRun().getBuiltin());
        assertEquals("", c.getRun().getParams());
        assertEquals(Builtins.CHARLM_METRIC, c.getGoal().getMetric());
    }

    @Test
    void load_charlmWithAnotherMetric_problem() throws Exception {
        String m = problems(GOOD.replace("metric: val_bpb", "metric: loss"), true);
        assertTrue(m.contains("run.builtin: charlm reports the metric 'val_bpb'"), m);
    }

    @Test
    void load_charlmWithParamsOrShortBudget_problems() throws Exception {
        String m = problems(GOOD.replace("budget_seconds: 60 }", "budget_seconds: 10, params: p.properties }"), true);
        assertTrue(m.contains("run.params: params does not apply to charlm"), m);
        assertTrue(m.contains("run.budget_seconds: charlm needs at least 20 s"), m);
    }

    @Test
    void load_charlmWithoutTrainJava_problem() throws Exception {
        String m = problems(GOOD, false);
        assertTrue(m.contains("charlm needs Train.java in the workspace"), m);
    }
}
