package io.swarmhub.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The UI benchmark end to end on a small campaign: every endpoint answers, with sane figures. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UiBenchTest {
    @Test
    void measure_smallCampaign_everyEndpointAnswers() throws Exception {
        UiBench bench = new UiBench();
        new CommandLine(bench).parseArgs("--experiments", "2000", "--repeats", "3", "--cold-builds", "2");

        UiBench.Report report = bench.measure();

        assertEquals(2000, report.shape().experiments());
        assertTrue(report.shape().keeps() > 40 && report.shape().keeps() < 200, report.shape().toString());
        assertTrue(report.shape().bestDepth() > 20, "a deep best lineage: " + report.shape());
        assertTrue(report.shape().mostChildren() > 10, report.shape().toString());
        assertTrue(report.heapTree() > report.heapEmpty(), "the tree takes heap");
        List<String> names = report.rows().stream().map(UiBench.Row::name).toList();
        assertTrue(names.contains("progress, first call (index build)") && names.contains("SSE: insert to event"), names.toString());
        assertEquals(15, report.rows().size(), names.toString());
        for (UiBench.Row row : report.rows()) {
            assertEquals(200, row.status(), row.name() + " " + row.path());
            assertTrue(row.bytes() > 0, row.name() + " answered nothing");
            assertTrue(row.ms().length >= 2, row.name() + " timed " + row.ms().length + " times");
            assertTrue(row.median() > 0 && row.max() < 10_000, row.name() + ": " + row.median() + " / " + row.max() + " ms");
        }
        assertTrue(report.table().contains("progress, warm"), report.table());
    }
}
