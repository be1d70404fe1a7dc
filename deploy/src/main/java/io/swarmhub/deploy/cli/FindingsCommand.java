package io.swarmhub.deploy.cli;

import io.swarmhub.deploy.view.ExperimentRow;
import io.swarmhub.deploy.view.MetricText;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.EventDecodeException;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code swarm findings}: the KEEPs on the findings topic, read straight from Kafka (no
 * coordinator, no consumer group): what is there and exit, or {@code --follow} new ones.
 */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "Print the findings (KEEPs) on the swarm's Kafka topic " + Topics.FINDINGS + "; --follow waits for new ones.")
public final class FindingsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;
    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "the swarm's Kafka, as `swarm up` prints it (default: the broker of `swarm up` in ./.swarm/up, else 127.0.0.1:9092)")
    String kafka;
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".swarm/up", hidden = true,
            description = "the `swarm up` data directory whose broker port is the default Kafka address")
    Path upDir;
    @Option(names = "--campaign", paramLabel = "C", description = "only this campaign's findings")
    String campaign;
    @Option(names = "--follow", description = "keep printing new findings until Ctrl-C")
    boolean follow;
    @Option(names = "--from-beginning", description = "with --follow: print the findings already on the topic first")
    boolean fromBeginning;
    @Option(names = "--count", paramLabel = "N",
            description = "exit after N findings (of --campaign, if given); with --follow, wait for them")
    Integer count;
    @Option(names = "--json", description = "one JSON object (FindingEvent, protobuf JSON) per line")
    boolean json;
    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10", description = "how long to try to reach Kafka (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (waitSeconds < 1) {
            err.println("swarm findings: --wait must be at least 1 second");
            return 2;
        }
        if (count != null && count < 1) {
            err.println("swarm findings: --count must be at least 1");
            return 2;
        }
        FindingsTopic topic = new FindingsTopic(kafka != null ? kafka : defaultKafka(upDir), Duration.ofSeconds(waitSeconds));
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            topic.wakeup();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "swarm-findings-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            topic.open(!follow || fromBeginning);
            int[] skipped = {0};
            int[] printed = {0};
            topic.read(follow, record -> {
                FindingEvent f;
                try {
                    f = EventCodec.decodeFinding(record.value());
                } catch (EventDecodeException e) {
                    skipped[0]++;
                    return true;
                }
                if (campaign == null || campaign.equals(f.getExperiment().getCampaignId())) {
                    out.println(json ? CampaignCalls.json(f) : line(f));
                    out.flush();
                    printed[0]++;
                }
                return count == null || printed[0] < count;
            });
            if (skipped[0] > 0) {
                err.println("swarm findings: skipped " + skipped[0] + " record(s) that are not findings this version reads");
            }
            return 0;
        } catch (FindingsTopic.UnreachableException e) {
            err.println("swarm findings: " + e.getMessage());
            return 1;
        } catch (WakeupException e) {
            return 0;
        } finally {
            topic.close();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running
            }
        }
    }

    /**
     * Where {@code swarm up} (run from this directory) put its embedded broker: the port it
     * remembers in {@code <data dir>/broker/ports.properties}; else Kafka's usual 127.0.0.1:9092.
     */
    static String defaultKafka(Path upDir) {
        Path ports = upDir.resolve("broker").resolve("ports.properties");
        if (Files.isRegularFile(ports)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(ports)) {
                p.load(r);
                String port = p.getProperty("port", "");
                if (port.matches("\\d{1,5}")) {
                    return "127.0.0.1:" + port;
                }
            } catch (IOException e) {
                // unreadable: fall back to the usual address; the unreachable message says what to pass
            }
        }
        return "127.0.0.1:9092";
    }

    /** time, campaign, experiment id, metric, node, proposer: description. */
    static String line(FindingEvent f) {
        ExperimentEvent e = f.getExperiment();
        long at = f.getPublishedAtMs() > 0 ? f.getPublishedAtMs() : e.getFinishedAtMs();
        String time = TIME.format(Instant.ofEpochMilli(at).atZone(ZoneId.systemDefault()));
        return String.join("  ", time, e.getCampaignId(), e.getId(), MetricText.format(e.getMetric()), e.getNodeId(),
                ExperimentRow.what(e.getProposer(), e.getDescription()));
    }
}
