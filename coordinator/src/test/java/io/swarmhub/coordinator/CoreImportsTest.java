package io.swarmhub.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain core (tree, campaign, node) stays plain Java: no Kafka, gRPC, protobuf, file I/O or metrics. */
class CoreImportsTest {
    private static final List<String> FORBIDDEN = List.of(
            "import org.apache.kafka", "import io.grpc", "import com.google.protobuf", "import io.swarmhub.protocol.v1",
            "import java.nio.file", "import java.io.File", "import java.net", "import org.eclipse.jgit", "import ai.djl",
            "import io.micrometer");

    @Test
    void corePackages_importNoTransportOrStorage() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("tree", "campaign", "node")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java/io/swarmhub/coordinator", pkg))) {
                for (Path f : files.toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
                            violations.add(f.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
