package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.LocalSwarm;
import io.swarmhub.deploy.SwarmCli;
import io.swarmhub.node.agent.KafkaBus;
import io.swarmhub.node.agent.NodeAgent;
import io.swarmhub.protocol.CampaignLoader;
import io.swarmhub.protocol.v1.Campaign;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.GetCampaignRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A finished little swarm to browse: the demo campaign (Rastrigin, 20 ms per experiment) run by
 * two nodes on the embedded broker until it has a few lineages, then the nodes stopped and the
 * coordinator caught up, so every command sees the same settled tree.
 */
final class BrowseSwarm implements AutoCloseable {
    final Path dir;
    final LocalSwarm swarm;
    final String campaignId;

    /** What a CLI run printed, and its exit code. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    BrowseSwarm(Path dir) throws Exception {
        this.dir = dir;
        Path campaignDir = Files.createDirectories(dir.resolve("campaign"));
        Path example = example();
        for (String f : List.of("campaign.yaml", "params.properties", "program.md")) {
            Files.copy(example.resolve(f), campaignDir.resolve(f));
        }
        Path yaml = campaignDir.resolve("campaign.yaml");
        Files.writeString(yaml, Files.readString(yaml).replaceFirst("cost_ms:\\s*\\d+", "cost_ms: 20"), StandardCharsets.UTF_8);
        Campaign campaign = CampaignLoader.load(yaml);
        swarm = new LocalSwarm(dir.resolve("swarm"), 2, 1, "adopt", 5);
        swarm.start(null, 0, 0);
        campaignId = swarm.launch(campaign, yaml);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!enough()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo swarm did not get going: " + swarm.statusLine(campaignId));
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of the await
        }
        swarm.nodes().parallelStream().forEach(NodeAgent::close);
        for (KafkaBus bus : swarm.buses()) {
            if (!bus.awaitDrained(Duration.ofSeconds(20))) {
                throw new AssertionError("an outbox did not drain");
            }
        }
        if (!swarm.coordinator().awaitCaughtUp(Duration.ofSeconds(30))) {
            throw new AssertionError("the coordinator did not catch up with the log");
        }
    }

    /** Enough to browse: 150 experiments, of them 8 KEEPs. */
    private boolean enough() {
        var c = swarm.stub().getCampaign(GetCampaignRequest.newBuilder().setCampaignId(campaignId).build()).getCampaign();
        return c.getExperiments() >= 150 && c.getCountsByStatusOrDefault("KEEP", 0) >= 8;
    }

    private static Path example() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("examples/swarm-demo/campaign.yaml"))) {
                return d.resolve("examples/swarm-demo");
            }
        }
        throw new IOException("cannot find examples/swarm-demo above " + Path.of("").toAbsolutePath());
    }

    /** The whole tree as the coordinator has it. */
    List<ExperimentEvent> tree() {
        return CampaignReads.tree(swarm.stub(), campaignId);
    }

    /** Runs {@code swarm ARGS --coordinator <this swarm>} in this JVM. */
    Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--coordinator");
        all.add(swarm.coordinatorAddress());
        return plain(all.toArray(String[]::new));
    }

    /** Runs {@code swarm ARGS} in this JVM, capturing what it prints. */
    static Run plain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SwarmCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        swarm.close();
    }
}
