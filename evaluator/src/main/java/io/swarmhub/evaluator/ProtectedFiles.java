package io.swarmhub.evaluator;

import io.swarmhub.protocol.Globs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fingerprints of the workspace files the campaign protects (its judge, its data), so the evaluator can
 * prove the run step left them alone. Symlinks are fingerprinted by their target, never followed;
 * {@code .git} is skipped.
 */
final class ProtectedFiles {
    private final Globs globs;

    ProtectedFiles(Globs globs) {
        this.globs = globs;
    }

    /** Relative path (forward slashes) to SHA-256 of every protected file in the workspace. */
    Map<String, String> snapshot(Path workspace) {
        Map<String, String> hashes = new TreeMap<>();
        if (globs.isEmpty()) {
            return hashes;
        }
        Path root = workspace.toAbsolutePath().normalize();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean git = !dir.equals(root) && dir.getFileName().toString().equals(".git");
                    return git ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    if (globs.matches(rel)) {
                        hashes.put(rel, fingerprint(file, attrs));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String rel = relative(root, file);
                    if (globs.matches(rel)) {
                        hashes.put(rel, "unreadable");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workspace " + workspace, e);
        }
        return hashes;
    }

    /** The first difference between two snapshots, as a reason for INVALID. */
    static Optional<String> firstChange(Map<String, String> before, Map<String, String> after) {
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                return Optional.of("protected file " + e.getKey() + " was deleted by the run step");
            }
            if (!now.equals(e.getValue())) {
                return Optional.of("protected file " + e.getKey() + " was modified by the run step");
            }
        }
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) {
                return Optional.of("protected file " + path + " was added by the run step");
            }
        }
        return Optional.empty();
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static String fingerprint(Path file, BasicFileAttributes attrs) {
        MessageDigest sha = sha256();
        String kind = "";
        try {
            if (attrs.isSymbolicLink()) {
                sha.update(("symlink:" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
            } else if (attrs.isRegularFile()) {
                // The executable bit matters too: a judge script that loses it is a changed judge.
                kind = Files.isExecutable(file) ? "x:" : "";
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        sha.update(buf, 0, n);
                    }
                }
            } else {
                return "special";
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return kind + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
