package io.swarmhub.protocol;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A campaign file a user must fix. Each problem names the file, the line and the field; the
 * message is printed as is by the CLI, one problem per line, without a stack trace.
 */
public final class CampaignException extends Exception {
    private final List<Problem> problems;

    public CampaignException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One thing wrong with a campaign file. Line is 1-based; 0 when the file itself is the problem. */
    public record Problem(String file, int line, String field, String message) {
        @Override
        public String toString() {
            String where = line > 0 ? file + ":" + line : file;
            return field.isEmpty() ? where + ": " + message : where + ": " + field + ": " + message;
        }
    }
}
