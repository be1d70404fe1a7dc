package io.swarmhub.node.propose;

import io.swarmhub.node.Experiment;
import io.swarmhub.node.Finding;
import io.swarmhub.node.ProposalContext;
import io.swarmhub.protocol.Status;
import java.util.List;
import java.util.Locale;

/**
 * The prompt a model or a coding agent works from: {@code program.md}, the goal and budget, where
 * the parent stands (its lineage), what this node tried recently (so failures are not repeated),
 * what peers found, and, for a model, the editable files themselves, each cut to a size limit
 * with a note.
 */
public final class Prompt {
    /** The system message of the LLM proposer: the role and the reply format. */
    public static final String SYSTEM = """
            You are a careful research engineer in an automated keep/discard loop (autoresearch). Each turn \
            you propose ONE focused change to the code, which is then run under a fixed time budget and judged; \
            it is kept only if it beats its parent. Answer with a first line
            DESCRIPTION: <one line, like a lab note: what you changed and why>
            followed by the change, either as a unified diff of the files shown (--- a/PATH, +++ b/PATH, @@ hunks \
            with a few lines of context) or as SEARCH/REPLACE blocks:
            PATH
            <<<<<<< SEARCH
            exact lines from the file
            =======
            the lines that replace them
            >>>>>>> REPLACE
            Only edit the editable files. Do not explain at length.""";

    private static final int MAX_PROGRAM_CHARS = 32 * 1024;
    private static final int MAX_LINE = 240;

    private Prompt() {
    }

    /** The user message for a model: everything, with the editable files' contents. */
    public static String forModel(ResearchBrief brief, ProposalContext ctx, long maxFileBytes) {
        StringBuilder b = common(brief, ctx);
        files(b, brief, ctx, maxFileBytes);
        b.append("\n# Your answer\nOne DESCRIPTION line, then a unified diff or SEARCH/REPLACE blocks.\n");
        return b.toString();
    }

    /** The prompt file of a coding agent: everything but the files, which it reads itself. */
    public static String forAgent(ResearchBrief brief, ProposalContext ctx) {
        StringBuilder b = common(brief, ctx);
        b.append("\n# Your task\nThe current directory is a scratch copy of the workspace at the parent's state. ")
                .append("Make ONE focused change that you expect to improve ").append(brief.metric())
                .append(", by editing files in place. Editable: ").append(brief.editable())
                .append(". Changing any other file (protected: ").append(brief.protectedPaths())
                .append(") makes the experiment INVALID. The swarm runs and judges the change after you exit; ")
                .append("do not commit. Write a one-line description of the change (like a lab note) to the file ")
                .append("named by the environment variable SWARM_DESCRIPTION_FILE.\n");
        return b.toString();
    }

    private static StringBuilder common(ResearchBrief brief, ProposalContext ctx) {
        StringBuilder b = new StringBuilder();
        String program = brief.program().strip();
        if (!program.isEmpty()) {
            b.append("# Instructions (program.md)\n").append(cut(program, MAX_PROGRAM_CHARS)).append("\n\n");
        }
        b.append("# Goal\n").append(brief.minimize() ? "Minimize " : "Maximize ").append(brief.metric())
                .append(". Each experiment runs under a hard wall-clock budget of ").append(num(brief.budgetSeconds()))
                .append(" s, enforced by a judge you cannot change. A change is kept only if it ")
                .append(brief.minimize() ? "lowers " : "raises ").append(brief.metric()).append(" by more than ")
                .append(num(brief.minDelta())).append(" over its parent. An equal result with simpler code is a win.\n");
        Experiment parent = ctx.parent();
        if (parent != null) {
            b.append("\n# Where you start\nParent experiment ").append(parent.id()).append(": ")
                    .append(brief.metric()).append(' ').append(num(parent.metric())).append('\n');
            if (!ctx.lineage().isEmpty()) {
                b.append("Its lineage, oldest first:\n");
                for (int i = 0; i < ctx.lineage().size(); i++) {
                    b.append(i + 1).append(". ").append(line(ctx.lineage().get(i).description())).append('\n');
                }
            }
        }
        if (!ctx.recent().isEmpty()) {
            b.append("\n# Recent experiments of this node, newest last (do not repeat what failed)\n");
            for (Experiment e : ctx.recent()) {
                b.append("- ").append(e.status()).append(e.status() == Status.KEEP || e.status() == Status.DISCARD
                        ? " " + brief.metric() + " " + num(e.metric()) : "").append(": ").append(line(e.description()));
                if (e.status() != Status.KEEP && e.status() != Status.DISCARD && !e.message().isEmpty()) {
                    b.append(" (").append(line(e.message())).append(')');
                }
                b.append('\n');
            }
        }
        if (!ctx.findings().isEmpty()) {
            b.append("\n# Findings of other nodes, newest last\n");
            for (Finding f : ctx.findings()) {
                b.append("- ").append(f.node()).append(": ").append(brief.metric()).append(' ').append(num(f.metric()))
                        .append(": ").append(line(f.description())).append('\n');
            }
        }
        return b;
    }

    private static void files(StringBuilder b, ResearchBrief brief, ProposalContext ctx, long maxFileBytes) {
        EditablePaths paths = brief.paths();
        b.append("\n# Files you may edit\nEditable: ").append(brief.editable()).append(". Protected, never change: ")
                .append(brief.protectedPaths()).append(".\n");
        long budget = 4 * maxFileBytes;
        for (String path : ctx.files().get().stream().filter(paths::allows).sorted().toList()) {
            String text;
            try {
                text = ctx.readFile().apply(path);
            } catch (RuntimeException e) {
                text = null;
            }
            if (text == null || text.indexOf('\0') >= 0) {
                b.append("\n## ").append(path).append("\n(not shown: not a text file)\n");
                continue;
            }
            if (budget <= 0) {
                b.append("\n## ").append(path).append("\n(not shown: the prompt's size limit is reached)\n");
                continue;
            }
            int shown = (int) Math.min(text.length(), Math.min(maxFileBytes, budget));
            budget -= shown;
            b.append("\n## ").append(path).append("\n```\n").append(text, 0, shown);
            if (shown > 0 && text.charAt(shown - 1) != '\n') {
                b.append('\n');
            }
            b.append("```\n");
            if (shown < text.length()) {
                b.append(String.format(Locale.ROOT, "[%s is cut: the first %d of %d characters are shown; "
                        + "only change lines you can see]%n", path, shown, text.length()));
            }
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "\n[... cut at " + max + " characters]";
    }

    private static String line(String s) {
        String l = s.replaceAll("\\s+", " ").trim();
        return l.length() > MAX_LINE ? l.substring(0, MAX_LINE) + "..." : l;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
