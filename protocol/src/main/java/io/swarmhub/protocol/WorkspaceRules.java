package io.swarmhub.protocol;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/** Checks on the editable and protected globs of a campaign's workspace. */
final class WorkspaceRules {
    private static final int MAX_FILES = 20_000;

    private WorkspaceRules() {
    }

    static void checkGlobs(YamlSection w, String key, List<String> globs) {
        for (String g : globs) {
            if (g.startsWith("/") || g.contains("..") || g.contains("\\")) {
                w.problem(key, "'" + g + "' must be relative to the repo, without '..' or backslashes");
                continue;
            }
            try {
                new Globs(List.of(g));
            } catch (PatternSyntaxException e) {
                w.problem(key, "'" + g + "' is not a valid glob: " + e.getDescription());
            }
        }
    }

    /** Editable and protected may not overlap: not as patterns, not on any existing file. */
    static void checkOverlap(YamlSection w, Path repo, List<String> editable, List<String> protectedGlobs) {
        if (editable.isEmpty() || protectedGlobs.isEmpty()) {
            return;
        }
        Globs p;
        try {
            p = new Globs(protectedGlobs);
        } catch (PatternSyntaxException e) {
            return;
        }
        for (String e : editable) {
            if (protectedGlobs.contains(e) || (!hasWildcard(e) && p.matches(e))) {
                w.problem("editable", "'" + e + "' is both editable and protected");
                return;
            }
        }
        Globs ed;
        try {
            ed = new Globs(editable);
        } catch (PatternSyntaxException e) {
            return;
        }
        for (String file : files(repo)) {
            if (ed.matches(file) && p.matches(file)) {
                w.problem("editable", "'" + file + "' is matched by both editable and protected");
                return;
            }
        }
    }

    private static boolean hasWildcard(String glob) {
        return glob.chars().anyMatch(ch -> "*?[{".indexOf(ch) >= 0);
    }

    /** Repository-relative paths of the files under repo, skipping .git and .swarm. */
    static List<String> files(Path repo) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(repo, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(repo) && (name.equals(".git") || name.equals(".swarm"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    out.add(repo.relativize(file).toString().replace('\\', '/'));
                    return out.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable repo shows up later as a clear workspace error
        }
        return out;
    }
}
