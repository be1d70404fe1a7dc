package io.swarmhub.deploy.swarm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The demo campaign of {@code swarm up} (10-D Rastrigin, built-in objective) copied into a test
 * directory with a shorter (or longer) simulated evaluation, so a test controls its pace.
 */
record DemoCampaign(Campaign campaign, Path file) {
    private static final Path EXAMPLE = Path.of("examples", "swarm-demo");

    /** Copies examples/swarm-demo into {@code dir} with {@code cost_ms} set, and loads it. */
    static DemoCampaign copy(Path dir, int costMs) throws Exception {
        Path source = exampleDir();
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        Path file = dir.resolve("campaign.yaml");
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        String changed = yaml.replaceFirst("cost_ms:\\s*\\d+", "cost_ms: " + costMs);
        assertTrue(!changed.equals(yaml) || yaml.contains("cost_ms: " + costMs), "no cost_ms in " + file);
        Files.writeString(file, changed, StandardCharsets.UTF_8);
        Campaign campaign = CampaignLoader.load(file);
        assertTrue(campaign.getRun().getCostMs() == costMs, "cost_ms not applied: " + campaign.getRun());
        return new DemoCampaign(campaign, file);
    }

    /** examples/swarm-demo, found from the module directory the tests run in (or the repository root). */
    private static Path exampleDir() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(EXAMPLE).resolve("campaign.yaml"))) {
                return d.resolve(EXAMPLE);
            }
        }
        throw new IOException("cannot find " + EXAMPLE + " above " + Path.of("").toAbsolutePath());
    }
}
