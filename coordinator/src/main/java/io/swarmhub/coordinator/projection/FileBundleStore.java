package io.swarmhub.coordinator.projection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bundles under {@code <root>/<campaign id>/base.bundle}, written atomically. Campaign ids come
 * from the log, so an id that is not a plain file name is stored under its SHA-256 instead.
 */
public final class FileBundleStore implements BundleStore {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;

    public FileBundleStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String campaignId, byte[] bundle) throws IOException {
        Path dir = root.resolve(directoryName(campaignId));
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "base", ".tmp");
        try {
            Files.write(tmp, bundle);
            Files.move(tmp, dir.resolve("base.bundle"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<byte[]> get(String campaignId) throws IOException {
        Path file = root.resolve(directoryName(campaignId)).resolve("base.bundle");
        return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    static String directoryName(String campaignId) {
        if (PLAIN.matcher(campaignId).matches()) {
            return campaignId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(campaignId.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
