package io.swarmhub.deploy.view;

import java.util.Objects;

/**
 * One experiment as the browse views (tree, chart) see it: plain fields, no protobuf.
 *
 * @param status the status name ({@code KEEP}, {@code DISCARD}, {@code CRASH}, ...)
 * @param metric the goal metric, NaN when the experiment has none
 * @param finishedAtMs when it finished, epoch milliseconds (0 when unknown)
 */
public record ExperimentRow(String id, String parentId, String status, double metric, String node, String proposer,
        String description, long finishedAtMs) {
    public ExperimentRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        parentId = parentId == null ? "" : parentId;
        node = node == null ? "" : node;
        proposer = proposer == null ? "" : proposer;
        description = description == null ? "" : description;
    }

    /** Whether it beat its parent (a finding). */
    public boolean kept() {
        return "KEEP".equals(status);
    }

    /** "proposer: description", without repeating a proposer the description already starts with. */
    public static String what(String proposer, String description) {
        String d = description.replace('\n', ' ');
        return proposer.isEmpty() || d.startsWith(proposer + ":") ? d : proposer + ": " + d;
    }

    /** The last 8 characters of the id: a ULID's start is its timestamp, shared by experiments close in time. */
    public String shortId() {
        return shortId(id);
    }

    /** The short form of any experiment id (see {@link #shortId()}). */
    public static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(id.length() - 8);
    }

    /** Whether {@code a} is better than {@code b} in the goal's direction; NaN is never better. */
    public static boolean better(double a, double b, boolean minimize) {
        if (!Double.isFinite(a)) {
            return false;
        }
        if (!Double.isFinite(b)) {
            return true;
        }
        return minimize ? a < b : a > b;
    }
}
