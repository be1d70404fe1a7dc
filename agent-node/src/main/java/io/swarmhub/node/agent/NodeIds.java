package io.swarmhub.node.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** A node's id: remembered in its data directory, so a restarted node is the same node. */
public final class NodeIds {
    private NodeIds() {
    }

    /** The id stored in {@code dataDir/node.id}, made (host name + random suffix) and stored on first use. */
    public static String remembered(Path dataDir) {
        Path file = dataDir.resolve("node.id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(dataDir);
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "-");
            } catch (IOException e) {
                host = "node";
            }
            String id = host + "-" + Integer.toHexString(new SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the node data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
