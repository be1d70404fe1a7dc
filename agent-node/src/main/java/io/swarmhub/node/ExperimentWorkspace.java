package io.swarmhub.node;

import java.nio.file.Path;
import java.util.List;

/**
 * The code under study at one experiment's state, with version control: the loop brings it to a
 * parent's state, changes it, and either commits (keep) or hard-resets (discard).
 * Implemented on JGit by {@code GitWorkspace}; tests may fake it.
 */
public interface ExperimentWorkspace {
    /** The directory the run step executes in. */
    Path dir();

    /** The campaign base commit every state descends from. */
    String baseCommit();

    /** The whole committed change from the campaign base to the current commit, as a unified diff. */
    String lineagePatch();

    /** The commit of the current state. */
    String head();

    /** Brings the workspace to the state of that commit, dropping any uncommitted change. */
    void moveTo(String commit);

    /** A file's contents at the current state (with uncommitted edits), or null when absent. */
    String read(String path);

    /** A file's contents at a commit, or null when absent there. */
    default String readAt(String commit, String path) {
        throw new UnsupportedOperationException("this workspace cannot read past states");
    }

    /** The files of the current commit (repository-relative, forward slashes). */
    default List<String> files() {
        return List.of();
    }

    /** Replaces a file's contents. */
    void write(String path, String content);

    /** Applies a unified diff to the working tree; throws {@link WorkspaceException} when it does not apply. */
    void apply(String patch);

    /** The uncommitted change as a unified diff against the current commit ("" when none). */
    String diff();

    /** Commits the uncommitted change; returns the new commit id. */
    String commit(String message);

    /** Drops every uncommitted change (hard reset to the current commit and clean). */
    void discard();

    /**
     * From a clean state (an experiment boundary): brings the workspace to the campaign base plus
     * {@code lineagePatch} (a whole change from the base, as findings carry it) and commits it with
     * {@code message}; returns the new HEAD, or the current one when it already has that state.
     */
    default String adopt(String lineagePatch, String message) {
        moveTo(baseCommit());
        if (!lineagePatch.isEmpty()) {
            apply(lineagePatch);
        }
        return diff().isBlank() ? head() : commit(message);
    }
}
