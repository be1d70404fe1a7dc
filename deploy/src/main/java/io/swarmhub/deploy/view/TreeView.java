package io.swarmhub.deploy.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A campaign's experiment tree drawn as text: one line per experiment under its parent, the
 * best lineage marked with {@code *}, and (unless {@link Options#all()}) runs of non-KEEP leaf
 * children folded into one summary line, so a tree of 100,000 experiments shows its findings
 * and how much was tried around each. Plain Java over {@link ExperimentRow}s; no I/O.
 */
public final class TreeView {
    /** Unfolded runs shorter than this: a run of one is as short as its summary. */
    private static final int MIN_RUN = 2;
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /**
     * How to draw.
     *
     * @param depth levels to show (1 = the roots only); 0 shows all
     * @param all show every experiment, folding nothing
     * @param width cut lines to this many columns; 0 leaves them whole
     * @param bold wrap the best lineage's lines in ANSI bold (for a terminal)
     * @param ascii {@code |-} connectors instead of box drawing
     */
    public record Options(int depth, boolean all, int width, boolean bold, boolean ascii) {
        public Options {
            if (depth < 0) {
                throw new IllegalArgumentException("depth must be >= 0 (0 = all levels), not " + depth);
            }
            if (width < 0) {
                throw new IllegalArgumentException("width must be >= 0 (0 = no limit), not " + width);
            }
        }

        /** Everything folded as usual, no depth limit, whole lines, no colour. */
        public static Options plain() {
            return new Options(0, false, 0, false, false);
        }
    }

    private final List<ExperimentRow> rows;
    private final boolean minimize;
    private final List<List<Integer>> children = new ArrayList<>();
    private final List<Integer> roots = new ArrayList<>();
    private final int[] subtree;
    private final int[] keptBelow;
    private final Set<Integer> bestLineage = new HashSet<>();
    private final int best;

    private TreeView(List<ExperimentRow> rows, boolean minimize) {
        this.rows = List.copyOf(rows);
        this.minimize = minimize;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.rows.size(); i++) {
            index.putIfAbsent(this.rows.get(i).id(), i);
            children.add(new ArrayList<>(0));
        }
        int bestIndex = -1;
        for (int i = 0; i < this.rows.size(); i++) {
            ExperimentRow r = this.rows.get(i);
            Integer p = index.get(r.parentId());
            if (p == null || p == i) {
                roots.add(i);
            } else {
                children.get(p).add(i);
            }
            if (r.kept() && (bestIndex < 0 ? Double.isFinite(r.metric())
                    : ExperimentRow.better(r.metric(), this.rows.get(bestIndex).metric(), minimize))) {
                bestIndex = i;
            }
        }
        best = bestIndex;
        subtree = new int[this.rows.size()];
        keptBelow = new int[this.rows.size()];
        List<Integer> order = preorder();
        for (int k = order.size() - 1; k >= 0; k--) {
            int i = order.get(k);
            subtree[i] += 1;
            for (int c : children.get(i)) {
                subtree[i] += subtree[c];
                keptBelow[i] += keptBelow[c] + (this.rows.get(c).kept() ? 1 : 0);
            }
        }
        for (int i = best; i >= 0 && bestLineage.add(i); ) {
            Integer p = index.get(this.rows.get(i).parentId());
            i = p == null ? -1 : p;
        }
    }

    /** The tree of {@code rows} (in arrival order; a parent missing from them makes its children roots). */
    public static TreeView of(List<ExperimentRow> rows, boolean minimize) {
        return new TreeView(rows, minimize);
    }

    private List<Integer> preorder() {
        List<Integer> order = new ArrayList<>(rows.size());
        Deque<Integer> stack = new ArrayDeque<>();
        for (int k = roots.size() - 1; k >= 0; k--) {
            stack.push(roots.get(k));
        }
        while (!stack.isEmpty()) {
            int i = stack.pop();
            order.add(i);
            List<Integer> kids = children.get(i);
            for (int k = kids.size() - 1; k >= 0; k--) {
                stack.push(kids.get(k));
            }
        }
        return order;
    }

    /** The best KEEP with a finite metric in the goal's direction (the earliest on a tie). */
    public Optional<ExperimentRow> best() {
        return best < 0 ? Optional.empty() : Optional.of(rows.get(best));
    }

    /** The ids on the best experiment's lineage, root first. */
    public List<String> bestLineage() {
        return preorder().stream().filter(bestLineage::contains).map(i -> rows.get(i).id()).toList();
    }

    /** One line under the tree: how many experiments, kept, and the best. */
    public String summary() {
        long kept = rows.stream().filter(ExperimentRow::kept).count();
        String line = rows.size() + " experiments, " + kept + " kept";
        return best < 0 ? line : line + "; best * " + rows.get(best).shortId() + " " + MetricText.format(rows.get(best).metric())
                + " (" + bestLineage.size() + " on its lineage)";
    }

    /** The tree as lines, roots first, children in arrival order. */
    public List<String> render(Options o) {
        List<String> out = new ArrayList<>();
        Glyphs g = o.ascii() ? Glyphs.ASCII : Glyphs.BOX;
        Deque<Item> stack = new ArrayDeque<>();
        pushChildren(stack, roots, null, 1, o, g);
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            String lead = fitLead(it.lead, it.depth, o);
            if (it.run != null) {
                out.add(cut(lead + "… " + runText(it.run), o.width()));
                continue;
            }
            boolean marked = bestLineage.contains(it.row);
            String text = cut(lead + line(rows.get(it.row), marked), o.width());
            out.add(o.bold() && marked ? BOLD + text + RESET : text);
            List<Integer> kids = children.get(it.row);
            if (kids.isEmpty()) {
                continue;
            }
            if (o.depth() > 0 && it.depth >= o.depth()) {
                int below = subtree[it.row] - 1;
                out.add(cut(fitLead(it.childPrefix + g.last, it.depth + 1, o) + "… " + below + " more below ("
                        + keptBelow[it.row] + " kept)", o.width()));
            } else {
                pushChildren(stack, kids, it.childPrefix, it.depth + 1, o, g);
            }
        }
        return out;
    }

    /** A row to draw, or a folded run ({@code run != null}). */
    private record Item(int row, int[] run, String lead, String childPrefix, int depth) {
    }

    private enum Glyphs {
        BOX("├ ", "└ ", "│ "), ASCII("|-", "`-", "| ");
        final String middle;
        final String last;
        final String through;

        Glyphs(String middle, String last, String through) {
            this.middle = middle;
            this.last = last;
            this.through = through;
        }
    }

    /** Pushes a parent's children (or the roots, when {@code prefix} is null) so they pop in arrival order. */
    private void pushChildren(Deque<Item> stack, List<Integer> kids, String prefix, int depth, Options o, Glyphs g) {
        List<int[]> groups = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int c : kids) {
            if (!o.all() && foldable(c)) {
                run.add(c);
                continue;
            }
            flush(run, groups);
            groups.add(new int[] {c});
        }
        flush(run, groups);
        for (int k = groups.size() - 1; k >= 0; k--) {
            boolean last = k == groups.size() - 1;
            String lead = prefix == null ? "" : prefix + (last ? g.last : g.middle);
            String childPrefix = prefix == null ? "" : prefix + (last ? "  " : g.through);
            int[] group = groups.get(k);
            boolean folded = group.length >= MIN_RUN;
            stack.push(folded ? new Item(-1, group, lead, childPrefix, depth) : new Item(group[0], null, lead, childPrefix, depth));
        }
    }

    private static void flush(List<Integer> run, List<int[]> groups) {
        if (run.size() >= MIN_RUN) {
            groups.add(run.stream().mapToInt(Integer::intValue).toArray());
        } else {
            run.forEach(c -> groups.add(new int[] {c}));
        }
        run.clear();
    }

    private boolean foldable(int i) {
        return !rows.get(i).kept() && subtree[i] == 1 && !bestLineage.contains(i);
    }

    private String line(ExperimentRow r, boolean marked) {
        return String.format(java.util.Locale.ROOT, "%s %-8s %-7s %10s  %-8s %s", marked ? "*" : " ", r.shortId(), r.status(),
                MetricText.format(r.metric()), r.node(), ExperimentRow.what(r.proposer(), r.description()));
    }

    /** "37 discarded, 2 crashed (best 4.12)". */
    private String runText(int[] run) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("DISCARD", "CRASH", "TIMEOUT", "INVALID", "LOST")) {
            counts.put(s, 0);
        }
        double bestMetric = Double.NaN;
        for (int i : run) {
            ExperimentRow r = rows.get(i);
            counts.merge(r.status(), 1, Integer::sum);
            if (ExperimentRow.better(r.metric(), bestMetric, minimize)) {
                bestMetric = r.metric();
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> {
            if (n > 0) {
                parts.add(n + " " + word(status));
            }
        });
        return String.join(", ", parts) + (Double.isFinite(bestMetric) ? " (best " + MetricText.format(bestMetric) + ")" : "");
    }

    private static String word(String status) {
        return switch (status) {
            case "DISCARD" -> "discarded";
            case "CRASH" -> "crashed";
            case "TIMEOUT" -> "timed out";
            case "INVALID" -> "invalid";
            case "LOST" -> "lost";
            default -> status.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Deep lineages would push lines off the screen: past half the width, show the depth and the nearest levels. */
    private static String fitLead(String lead, int depth, Options o) {
        int cap = o.width() > 0 ? Math.max(16, o.width() / 2) : 120;
        if (lead.length() <= cap) {
            return lead;
        }
        String marker = "⋮" + depth + " ";
        int keep = Math.max(2, (cap - marker.length()) & ~1);
        return marker + lead.substring(lead.length() - keep);
    }

    private static String cut(String s, int width) {
        if (width <= 0 || s.codePointCount(0, s.length()) <= width) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }
}
