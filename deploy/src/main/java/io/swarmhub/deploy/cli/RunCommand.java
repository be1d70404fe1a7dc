package io.swarmhub.deploy.cli;

import io.swarmhub.node.CampaignProposers;
import io.swarmhub.node.LocalRatchet;
import io.swarmhub.node.Ratchet;
import io.swarmhub.node.RatchetSummary;
import io.swarmhub.node.propose.ProposerRuntime;
import io.swarmhub.protocol.v1.Campaign;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm run CAMPAIGN}: the autoresearch ratchet on this machine, no Kafka, no coordinator. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the keep/discard loop of a campaign on this machine.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CAMPAIGN", description = "the campaign.yaml file")
    Path campaignFile;

    @Option(names = "--max-experiments", paramLabel = "N",
            description = "stop after N experiments in this run (default: the campaign's stop rule)")
    long maxExperiments;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "workspace, logs and ledger (default: .swarm/<campaign name>); reuse it to resume")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed of the proposers (default: 1)")
    long seed;

    @Option(names = "--node", paramLabel = "NAME", description = "node name recorded with each experiment (default: host name)")
    String node;

    @Option(names = "--quiet", description = "no live progress line")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Campaign campaign = CampaignFiles.loadOrReport(campaignFile);
        if (campaign == null) {
            return 2;
        }
        List<String> unmet = CampaignProposers.problems(campaign, ProposerRuntime.system());
        if (!unmet.isEmpty()) {
            unmet.forEach(p -> System.err.println("swarm: " + campaignFile + ": " + p));
            return 2;
        }
        Path dir = dataDir != null ? dataDir : Path.of(".swarm", campaign.getName());
        String nodeName = node != null ? node : hostName();
        ProgressLine progress = new ProgressLine(System.err, campaign.getGoal().getMetric(), quiet);
        System.err.printf("swarm: campaign %s, data in %s, seed %d%n", campaign.getName(), dir, seed);
        try (LocalRatchet local = LocalRatchet.open(campaign, dir,
                new LocalRatchet.Options(maxExperiments, seed, nodeName), Clock.systemUTC(), progress)) {
            Ratchet ratchet = local.ratchet();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                ratchet.stop();
                try {
                    done.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "swarm-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            RatchetSummary summary;
            try {
                summary = ratchet.run();
                progress.finish();
                new SummaryReport(campaign.getGoal().getMetric(), local.ledger(), local.workspace().dir())
                        .print(System.out, summary);
            } finally {
                done.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return 130;
            }
            if (summary.failed()) {
                return 1;
            }
            return summary.stopReason().equals("interrupted") ? 130 : 0;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "local";
        }
    }
}
