package io.swarmhub.coordinator.tree;

import io.swarmhub.protocol.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lineage tree of one campaign: every experiment under its parent, baselines under the
 * campaign root. Inserts are idempotent by experiment id and O(1); an experiment whose parent
 * has not arrived yet waits as an orphan and is attached, in order, when the parent arrives.
 *
 * <p>Arrival order is the order of attachment, so a parent's position is always before its
 * children's, and replaying the same log gives the same positions (cursors survive restarts).
 * One writer and many readers may use a tree concurrently.
 */
public final class ExperimentTree {
    private final String campaignId;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final HashMap<String, Node> byId = new HashMap<>();
    private final ArrayList<Node> arrival = new ArrayList<>();
    private final HashMap<String, List<Experiment>> orphansByParent = new HashMap<>();
    private final HashSet<String> orphanIds = new HashSet<>();
    private final HashMap<PatchKey, String> firstByPatch = new HashMap<>();
    private final LinkedHashSet<Node> leaves = new LinkedHashSet<>();
    private final LinkedHashSet<Node> frontier = new LinkedHashSet<>();
    private final long[] counts = new long[Status.values().length];
    private final HashMap<String, Contribution.Tally> byNode = new HashMap<>();
    private final HashMap<String, Contribution.Tally> byProposer = new HashMap<>();
    private Node bestMin;
    private Node bestMax;

    public ExperimentTree(String campaignId) {
        this.campaignId = campaignId;
    }

    /** The campaign this tree belongs to. */
    public String campaignId() {
        return campaignId;
    }

    /**
     * Inserts an experiment. Returns the experiments attached by this call in arrival order:
     * the experiment itself and any orphans it released; empty when the id was already known
     * (a redelivered copy is ignored) or when the experiment waits for its parent.
     */
    public List<Experiment> insert(Experiment e) {
        if (!e.campaignId().equals(campaignId)) {
            throw new IllegalArgumentException("experiment " + e.id() + " belongs to campaign "
                    + e.campaignId() + ", not " + campaignId);
        }
        lock.writeLock().lock();
        try {
            if (byId.containsKey(e.id()) || orphanIds.contains(e.id())) {
                return List.of();
            }
            Node parent = null;
            if (!e.isRoot()) {
                parent = byId.get(e.parentId());
                if (parent == null) {
                    orphanIds.add(e.id());
                    orphansByParent.computeIfAbsent(e.parentId(), k -> new ArrayList<>(2)).add(e);
                    return List.of();
                }
            }
            Node node = attach(e, parent);
            if (orphansByParent.isEmpty()) {
                return List.of(e);
            }
            return releaseOrphans(node);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private List<Experiment> releaseOrphans(Node first) {
        List<Experiment> attached = new ArrayList<>();
        attached.add(first.experiment);
        ArrayDeque<Node> pending = new ArrayDeque<>();
        pending.add(first);
        while (!pending.isEmpty() && !orphansByParent.isEmpty()) {
            Node parent = pending.poll();
            List<Experiment> waiting = orphansByParent.remove(parent.experiment.id());
            if (waiting == null) {
                continue;
            }
            for (Experiment child : waiting) {
                orphanIds.remove(child.id());
                Node node = attach(child, parent);
                attached.add(child);
                pending.add(node);
            }
        }
        return attached;
    }

    private Node attach(Experiment e, Node parent) {
        Node node = new Node(e, parent, arrival.size());
        byId.put(e.id(), node);
        arrival.add(node);
        counts[e.status().ordinal()]++;
        leaves.add(node);
        boolean keep = e.status() == Status.KEEP;
        byNode.computeIfAbsent(e.nodeId(), Contribution.Tally::new).add(keep, e.finishedAtMs());
        byProposer.computeIfAbsent(e.proposer(), Contribution.Tally::new).add(keep, e.finishedAtMs());
        if (keep) {
            frontier.add(node);
        }
        if (parent != null) {
            parent.addChild(node);
            leaves.remove(parent);
            if (keep) {
                frontier.remove(parent);
            }
        }
        if (!e.patchSha256().isEmpty()) {
            firstByPatch.putIfAbsent(new PatchKey(e.parentId(), e.patchSha256()), e.id());
        }
        if (e.ranks()) {
            if (bestMin == null || e.metric() < bestMin.experiment.metric()) {
                bestMin = node;
            }
            if (bestMax == null || e.metric() > bestMax.experiment.metric()) {
                bestMax = node;
            }
        }
        return node;
    }

    /** The experiment with this id, if attached. */
    public Optional<Experiment> get(String id) {
        lock.readLock().lock();
        try {
            Node n = byId.get(id);
            return n == null ? Optional.empty() : Optional.of(n.experiment);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The arrival position of an attached experiment. */
    public Optional<Long> position(String id) {
        lock.readLock().lock();
        try {
            Node n = byId.get(id);
            return n == null ? Optional.empty() : Optional.of((long) n.position);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The direct children of an experiment in arrival order; empty when the id is unknown. */
    public Optional<List<Experiment>> children(String id) {
        lock.readLock().lock();
        try {
            Node n = byId.get(id);
            if (n == null) {
                return Optional.empty();
            }
            if (n.children == null) {
                return Optional.of(List.of());
            }
            List<Experiment> out = new ArrayList<>(n.children.size());
            n.children.forEach(c -> out.add(c.experiment));
            return Optional.of(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The lineage from a baseline (root side first) to the experiment; empty when unknown. */
    public Optional<List<Experiment>> lineage(String id) {
        lock.readLock().lock();
        try {
            Node n = byId.get(id);
            if (n == null) {
                return Optional.empty();
            }
            ArrayList<Experiment> path = new ArrayList<>();
            for (; n != null; n = n.parent) {
                path.add(n.experiment);
            }
            Collections.reverse(path);
            return Optional.of(path);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The best KEEP experiment with a finite metric; the earliest wins a tie. */
    public Optional<Experiment> best(Direction direction) {
        lock.readLock().lock();
        try {
            Node n = direction == Direction.MINIMIZE ? bestMin : bestMax;
            return n == null ? Optional.empty() : Optional.of(n.experiment);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Up to {@code limit} experiments without children, oldest first. */
    public List<Experiment> leaves(int limit) {
        return firstOf(leaves, limit);
    }

    /** Up to {@code limit} KEEP experiments without a KEEP child (the frontier), oldest first. */
    public List<Experiment> keepLeaves(int limit) {
        return firstOf(frontier, limit);
    }

    private List<Experiment> firstOf(LinkedHashSet<Node> set, int limit) {
        lock.readLock().lock();
        try {
            List<Experiment> out = new ArrayList<>(Math.min(limit, set.size()));
            Iterator<Node> it = set.iterator();
            while (out.size() < limit && it.hasNext()) {
                out.add(it.next().experiment);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The experiments at positions [cursor, cursor + size) in arrival order. */
    public Page page(long cursor, int size) {
        if (cursor < 0 || size < 0) {
            throw new IllegalArgumentException("cursor and size must be >= 0");
        }
        lock.readLock().lock();
        try {
            int total = arrival.size();
            int from = (int) Math.min(cursor, total);
            int to = (int) Math.min((long) from + size, total);
            List<Experiment> items = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                items.add(arrival.get(i).experiment);
            }
            return new Page(items, to, total);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The experiment that first tried this patch from this parent, if any. */
    public Optional<String> duplicateOf(String parentId, String patchSha256) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(firstByPatch.get(new PatchKey(parentId, patchSha256)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many attached experiments have each status (every status present, zeros included). */
    public Map<Status, Long> countsByStatus() {
        lock.readLock().lock();
        try {
            Map<Status, Long> out = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                out.put(s, counts[s.ordinal()]);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Each node's contribution to this tree (node id "" for events without one). */
    public List<Contribution> contributionsByNode() {
        lock.readLock().lock();
        try {
            return byNode.values().stream().map(Contribution.Tally::snapshot).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Each proposer's contribution to this tree: experiments and keeps, for keep rates. */
    public List<Contribution> contributionsByProposer() {
        lock.readLock().lock();
        try {
            return byProposer.values().stream().map(Contribution.Tally::snapshot).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many experiments are attached. */
    public int size() {
        lock.readLock().lock();
        try {
            return arrival.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many experiments wait for a parent that has not arrived. */
    public int orphanCount() {
        lock.readLock().lock();
        try {
            return orphanIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private record PatchKey(String parentId, String patchSha256) {
    }

    /** An attached experiment with its links; most experiments never get a child list. */
    private static final class Node {
        final Experiment experiment;
        final Node parent;
        final int position;
        ArrayList<Node> children;

        Node(Experiment experiment, Node parent, int position) {
            this.experiment = experiment;
            this.parent = parent;
            this.position = position;
        }

        void addChild(Node child) {
            if (children == null) {
                children = new ArrayList<>(2);
            }
            children.add(child);
        }
    }
}
