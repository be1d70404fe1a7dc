package io.swarmhub.node.propose;

import java.util.List;

/**
 * What a campaign tells a proposer that writes code: the instructions ({@code program.md}), the goal
 * and its direction, the time budget, the keep threshold, and the editable and protected paths.
 */
public record ResearchBrief(String program, String metric, boolean minimize, double budgetSeconds, double minDelta,
                            List<String> editable, List<String> protectedPaths) {
    public ResearchBrief {
        program = program == null ? "" : program;
        editable = List.copyOf(editable);
        protectedPaths = List.copyOf(protectedPaths);
    }

    /** The paths rule of this campaign. */
    public EditablePaths paths() {
        return new EditablePaths(editable, protectedPaths);
    }
}
