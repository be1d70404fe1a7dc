package io.swarmhub.protocol;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * A set of repository-relative glob patterns ({@code train.py}, {@code eval/**}, {@code *.properties}).
 * Paths use forward slashes; {@code *} stays inside one directory, {@code **} crosses directories,
 * and {@code dir/**} also matches files directly under {@code dir}.
 */
public final class Globs {
    private final List<String> patterns;
    private final List<PathMatcher> matchers;

    public Globs(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = this.patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
                .toList();
    }

    /** Whether the repository-relative path (forward slashes) matches any pattern. */
    public boolean matches(String relativePath) {
        Path path = Path.of(relativePath);
        for (PathMatcher m : matchers) {
            if (m.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
