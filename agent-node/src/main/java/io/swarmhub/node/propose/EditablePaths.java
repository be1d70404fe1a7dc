package io.swarmhub.node.propose;

import io.swarmhub.node.ProposalException;
import io.swarmhub.protocol.Globs;
import java.util.List;

/**
 * Which paths a proposer may change: the campaign's editable globs, minus its protected ones, and
 * never anything that leaves the workspace. Proposers check here first so that a refusal names
 * the path and the rule; the evaluator's guard checks the resulting diff again.
 */
public final class EditablePaths {
    private final Globs editable;
    private final Globs protectedPaths;

    public EditablePaths(List<String> editable, List<String> protectedPaths) {
        this.editable = new Globs(editable);
        this.protectedPaths = new Globs(protectedPaths);
    }

    /** The path in canonical form ({@code ./a//b} becomes {@code a/b}), or why it may not be changed. */
    public String check(String path) throws ProposalException {
        String p = path == null ? "" : path.trim();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        p = p.replaceAll("/{2,}", "/");
        if (p.isEmpty()) {
            throw new ProposalException("a change names no file");
        }
        if (p.startsWith("/") || p.startsWith("~") || p.contains("\\") || p.matches("^[A-Za-z]:.*")
                || List.of(p.split("/")).contains("..")) {
            throw new ProposalException("the path '" + shorten(p) + "' is outside the workspace");
        }
        if (List.of(p.split("/")).contains(".git") || p.indexOf('\0') >= 0) {
            throw new ProposalException("the path '" + shorten(p) + "' is not a workspace file");
        }
        if (protectedPaths.matches(p)) {
            throw new ProposalException("'" + p + "' is protected (protected: " + protectedPaths + ")");
        }
        if (!editable.matches(p)) {
            throw new ProposalException("'" + p + "' is not editable (editable: " + editable + ")");
        }
        return p;
    }

    /** Whether the path may be changed. */
    public boolean allows(String path) {
        try {
            check(path);
            return true;
        } catch (ProposalException e) {
            return false;
        }
    }

    public Globs editable() {
        return editable;
    }

    public Globs protectedPaths() {
        return protectedPaths;
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
