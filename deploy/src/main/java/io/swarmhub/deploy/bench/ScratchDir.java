package io.swarmhub.deploy.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A benchmark's data directory under the system temp dir: brokers, ledgers and git workspaces that
 * reach hundreds of MB. Deleted when the benchmark ends, unless it is to be kept for a look.
 */
final class ScratchDir implements AutoCloseable {
    private final Path path;
    private final boolean keep;

    private ScratchDir(Path path, boolean keep) {
        this.path = path;
        this.keep = keep;
    }

    static ScratchDir create(String prefix, boolean keep) throws IOException {
        return new ScratchDir(Files.createTempDirectory(prefix), keep);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (keep) {
            System.err.println("data kept in " + path);
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete the benchmark data in " + path + ": " + e.getMessage());
        }
    }
}
