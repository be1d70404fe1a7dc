package io.swarmhub.node.propose;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A temporary directory holding a copy of the workspace's files ({@code workspace/}) and the
 * agent's prompt, description and log beside it. Closing removes all of it, whatever the agent
 * left there (symbolic links are removed, never followed).
 */
final class ScratchCopy implements AutoCloseable {
    private final Path dir;

    private ScratchCopy(Path dir) {
        this.dir = dir;
    }

    /** A new scratch directory under {@code root} with a copy of {@code files} of {@code source}. */
    static ScratchCopy of(Path root, Path source, List<String> files) throws IOException {
        Files.createDirectories(root);
        ScratchCopy s = new ScratchCopy(Files.createTempDirectory(root, "swarm-agent-"));
        try {
            Path to = Files.createDirectories(s.workspace());
            for (String f : files) {
                Path from = source.resolve(f);
                if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    Path target = to.resolve(f);
                    Files.createDirectories(target.getParent());
                    Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    Path workspace() {
        return dir.resolve("workspace");
    }

    @Override
    public void close() {
        for (int attempt = 0; attempt < 3 && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                delete(dir);
            } catch (IOException e) {
                // a killed process may still have been writing: try again
            }
        }
    }

    private static void delete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                d.toFile().setWritable(true); // an agent may have left read-only directories
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (!(e instanceof NoSuchFileException)) {
                    f.toFile().setWritable(true);
                    Files.deleteIfExists(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                d.toFile().setWritable(true);
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
