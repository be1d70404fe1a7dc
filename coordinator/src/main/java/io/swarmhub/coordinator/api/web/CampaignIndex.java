package io.swarmhub.coordinator.api.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * A compact, append-only copy of one campaign's tree for the web UI: per experiment only its id,
 * parent, status, metric, finish time, node, proposer and a shortened description, in arrival
 * order (the tree's cursor positions). It answers what the pages need without shipping whole
 * events: the progress series, children of one experiment, and the findings ranked by metric.
 * A few dozen bytes per experiment, so 100,000 experiments take a few MB.
 */
public final class CampaignIndex {
    /** The status code of a KEEP, as in {@code ExperimentStatus}. */
    public static final int KEEP = 1;
    static final int DESCRIPTION_CHARS = 160;

    /** One experiment as the index keeps it; {@code parentId} is empty for a baseline. */
    public record Entry(String id, String parentId, int status, double metric, long finishedAtMs,
                        String nodeId, String proposer, String description) {
    }

    /** An experiment with its place in the tree, as pages show it. */
    public record Item(long position, Entry entry, int children, boolean onBestLineage) {
    }

    /** One page of an experiment's children (or of the baselines) and how many there are in all. */
    public record ChildPage(int total, int offset, List<Item> items) {
    }

    /** A progress point: position, finish time, metric, status code and index into {@code nodes}. */
    public record Point(long position, long finishedAtMs, double metric, int status, int node) {
    }

    /** Progress points from a cursor; {@code sampled} when some non-KEEP points were left out. */
    public record Progress(long cursor, long nextCursor, boolean sampled, List<String> nodes, List<Point> points) {
    }

    private final boolean minimize;
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<String> nodes = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final Map<String, String> proposers = new HashMap<>();
    private final Map<Integer, IntList> children = new HashMap<>();
    private final IntList roots = new IntList();
    private final IntList keeps = new IntList();
    private String[] ids = new String[64];
    private int[] parents = new int[64];
    private byte[] statuses = new byte[64];
    private double[] metrics = new double[64];
    private long[] finished = new long[64];
    private int[] nodeOf = new int[64];
    private String[] proposerOf = new String[64];
    private String[] descriptions = new String[64];
    private int size;
    private int best = -1;

    /** An empty index for a campaign whose goal is minimised ({@code true}) or maximised. */
    public CampaignIndex(boolean minimize) {
        this.minimize = minimize;
    }

    /** How many experiments the index holds: the cursor to continue from. */
    public synchronized long size() {
        return size;
    }

    /** Appends the next experiment in arrival order; an id already held is ignored. */
    public synchronized void add(Entry e) {
        if (positions.containsKey(e.id())) {
            return;
        }
        grow();
        int i = size++;
        positions.put(e.id(), i);
        Integer parent = e.parentId().isEmpty() ? null : positions.get(e.parentId());
        ids[i] = e.id();
        parents[i] = parent == null ? -1 : parent;
        statuses[i] = (byte) e.status();
        metrics[i] = e.metric();
        finished[i] = e.finishedAtMs();
        nodeOf[i] = nodeIndex.computeIfAbsent(e.nodeId(), n -> {
            nodes.add(n);
            return nodes.size() - 1;
        });
        proposerOf[i] = proposers.computeIfAbsent(e.proposer(), p -> p);
        String d = e.description();
        descriptions[i] = d.length() > DESCRIPTION_CHARS ? d.substring(0, DESCRIPTION_CHARS - 1) + "…" : d;
        (parent == null ? roots : children.computeIfAbsent(parent, k -> new IntList())).add(i);
        if (e.status() == KEEP && Double.isFinite(e.metric())) {
            keeps.add(i);
            if (best < 0 || better(e.metric(), metrics[best])) {
                best = i; // strictly better: the earliest wins a tie, as the tree's Best does
            }
        }
    }

    /** The best KEEP with a finite metric, if any. */
    public synchronized Optional<Item> best() {
        return best < 0 ? Optional.empty() : Optional.of(item(best, bestLineage()));
    }

    /**
     * Children of {@code parentId} (the baselines when empty): first the one on the best lineage,
     * then KEEPs by metric, best first, then the rest in arrival order.
     *
     * @throws NoSuchElementException when the index has no such experiment
     */
    public synchronized ChildPage children(String parentId, int offset, int limit) {
        IntList kids;
        if (parentId.isEmpty()) {
            kids = roots;
        } else {
            Integer p = positions.get(parentId);
            if (p == null) {
                throw new NoSuchElementException("no experiment " + parentId + " in this campaign");
            }
            kids = children.getOrDefault(p, new IntList());
        }
        Set<Integer> lineage = bestLineage();
        Integer[] order = kids.boxed();
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> lineage.contains(i) ? 0 : isKeep(i) ? 1 : 2)
                .thenComparing((a, b) -> isKeep(a) && isKeep(b) ? rank(a, b) : Integer.compare(a, b)));
        List<Item> items = new ArrayList<>();
        for (int k = offset; k < order.length && items.size() < limit; k++) {
            items.add(item(order[k], lineage));
        }
        return new ChildPage(order.length, offset, items);
    }

    /**
     * The lineage from the baseline to {@code id}, both included.
     *
     * @throws NoSuchElementException when the index has no such experiment
     */
    public synchronized List<Item> lineage(String id) {
        Integer at = positions.get(id);
        if (at == null) {
            throw new NoSuchElementException("no experiment " + id + " in this campaign");
        }
        Set<Integer> best = bestLineage();
        List<Item> out = new ArrayList<>();
        for (int i = at; i >= 0; i = parents[i]) {
            out.add(item(i, best));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** KEEPs with a finite metric, best first (earlier first on a tie), at most {@code limit}. */
    public synchronized List<Item> findings(int limit) {
        Integer[] order = keeps.boxed();
        Arrays.sort(order, this::rank);
        Set<Integer> lineage = bestLineage();
        List<Item> out = new ArrayList<>();
        for (int k = 0; k < order.length && k < limit; k++) {
            out.add(item(order[k], lineage));
        }
        return out;
    }

    /**
     * Points from {@code cursor} on. When there are more than {@code max}, every KEEP stays and the
     * others are thinned to an even stride, so the running best is exact and the cloud keeps its shape.
     */
    public synchronized Progress progress(long cursor, int max, boolean keepsOnly) {
        int from = (int) Math.min(Math.max(cursor, 0), size);
        int keepCount = 0;
        for (int k = keeps.size() - 1; k >= 0 && keeps.get(k) >= from; k--) {
            keepCount++;
        }
        int others = size - from - keepCount;
        // Every KEEP, and never fewer than max/2 of the rest, so the cloud of discards stays visible
        // in a campaign with more KEEPs than max.
        int room = Math.max(max - keepCount, max / 2);
        int stride = keepsOnly || others <= room ? 1 : (room == 0 ? Integer.MAX_VALUE : (others + room - 1) / room);
        List<Point> points = new ArrayList<>();
        int seen = 0;
        for (int i = from; i < size; i++) {
            boolean keep = statuses[i] == KEEP;
            if (keep || (!keepsOnly && seen++ % stride == 0)) {
                points.add(new Point(i, finished[i], metrics[i], statuses[i], nodeOf[i]));
            }
        }
        return new Progress(from, size, !keepsOnly && stride > 1, List.copyOf(nodes), points);
    }

    private Item item(int i, Set<Integer> lineage) {
        Entry e = new Entry(ids[i], parents[i] < 0 ? "" : ids[parents[i]], statuses[i], metrics[i], finished[i],
                nodes.get(nodeOf[i]), proposerOf[i], descriptions[i]);
        return new Item(i, e, children.getOrDefault(i, IntList.EMPTY).size(), lineage.contains(i));
    }

    private Set<Integer> bestLineage() {
        Set<Integer> out = new HashSet<>();
        for (int i = best; i >= 0; i = parents[i]) {
            out.add(i);
        }
        return out;
    }

    private boolean isKeep(int i) {
        return statuses[i] == KEEP && Double.isFinite(metrics[i]);
    }

    private int rank(int a, int b) {
        int c = Double.compare(metrics[a], metrics[b]);
        return c != 0 ? (minimize ? c : -c) : Integer.compare(a, b);
    }

    private boolean better(double a, double b) {
        return minimize ? a < b : a > b;
    }

    private void grow() {
        if (size < ids.length) {
            return;
        }
        int n = ids.length * 2;
        ids = Arrays.copyOf(ids, n);
        parents = Arrays.copyOf(parents, n);
        statuses = Arrays.copyOf(statuses, n);
        metrics = Arrays.copyOf(metrics, n);
        finished = Arrays.copyOf(finished, n);
        nodeOf = Arrays.copyOf(nodeOf, n);
        proposerOf = Arrays.copyOf(proposerOf, n);
        descriptions = Arrays.copyOf(descriptions, n);
    }

    /** A growable list of ints, without boxing each element. */
    private static final class IntList {
        static final IntList EMPTY = new IntList();
        private int[] items = new int[4];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int get(int k) {
            return items[k];
        }

        int size() {
            return size;
        }

        Integer[] boxed() {
            Integer[] out = new Integer[size];
            for (int k = 0; k < size; k++) {
                out[k] = items[k];
            }
            return out;
        }
    }
}
