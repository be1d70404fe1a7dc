package io.swarmhub.deploy.view;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header and rows, each column as wide as its widest cell; numbers right-aligned. */
public final class TextTable {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns named {@code header}; those flagged in {@code rightAligned} (e.g. counts) are right-aligned. */
    public TextTable(List<String> header, boolean... rightAligned) {
        this.header = List.copyOf(header);
        this.right = java.util.Arrays.copyOf(rightAligned, header.size());
    }

    /** Adds a row with one cell per column. */
    public TextTable add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The header line and one line per row, columns two spaces apart, no trailing blanks. */
    public List<String> lines() {
        int[] widths = new int[header.size()];
        for (List<String> r : concat()) {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> r : concat()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                sb.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : cell + pad);
            }
            out.add(sb.toString().stripTrailing());
        }
        return out;
    }

    private List<List<String>> concat() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** "12s ago", "3m ago", "5h ago", "2d ago"; "never" for 0. */
    public static String ago(long thenMs, long nowMs) {
        if (thenMs <= 0) {
            return "never";
        }
        long s = Math.max(0, (nowMs - thenMs) / 1000);
        if (s < 120) {
            return s + "s ago";
        }
        if (s < 2 * 3600) {
            return s / 60 + "m ago";
        }
        if (s < 2 * 86400) {
            return s / 3600 + "h ago";
        }
        return s / 86400 + "d ago";
    }
}
