package io.swarmhub.node.agent;

import io.swarmhub.node.swarm.FeedSettings;
import io.swarmhub.node.swarm.KafkaPublisher;
import io.swarmhub.node.swarm.Outbox;
import io.swarmhub.node.swarm.PublisherSettings;
import io.swarmhub.node.swarm.SwarmFeed;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The swarm bus on Kafka: the durable outbox and its publisher, and two feeds of everybody's
 * events: findings, latency first (a fetch answers with the first record), and experiments,
 * batched (a fetch waits up to {@link #EXPERIMENTS_WAIT} for a full batch). Findings decide what a
 * node adopts at its next boundary; experiments only feed swarm-wide duplicate detection, where a
 * quarter second is nothing, and reading them record by record cost a busy 8-node swarm on 2 cores
 * a fifth of its experiments (docs/benchmarks.md).
 */
public final class KafkaBus implements SwarmBus {
    static final Duration EXPERIMENTS_WAIT = Duration.ofMillis(250);

    private final String bootstrap;
    private final Outbox outbox;
    private final KafkaPublisher publisher;
    private volatile SwarmFeed findingsFeed;
    private volatile SwarmFeed experimentsFeed;
    private volatile FeedListener extra;

    /** A listener that also hears the feed's receive time of findings (for gossip latency). */
    public interface FeedListener extends SwarmFeed.Listener {
    }

    public KafkaBus(String bootstrap, Path outboxDir) {
        this.bootstrap = bootstrap;
        this.outbox = Outbox.open(outboxDir);
        this.publisher = KafkaPublisher.start(outbox, PublisherSettings.of(bootstrap));
    }

    @Override
    public SwarmLog.Publisher publisher() {
        return new SwarmLog.Publisher() {
            @Override
            public void experiment(ExperimentEvent event) {
                publisher.publishExperiment(event);
            }

            @Override
            public void finding(FindingEvent event) {
                publisher.publishFinding(event);
            }
        };
    }

    /** The feed's consumer lag on {@code topic}; NaN before it subscribes or fetches. */
    public double consumerLag(String topic) {
        SwarmFeed f = Topics.FINDINGS.equals(topic) ? findingsFeed : experimentsFeed;
        return f == null ? Double.NaN : f.lag(topic);
    }

    /** Waits until the bus's producer has reached Kafka once; false on timeout. */
    public boolean awaitConnected(java.time.Duration timeout) throws InterruptedException {
        return publisher.awaitConnected(timeout);
    }

    /** Also hears every finding with its receive time (benchmarks); call before {@link #subscribe}. */
    public void listen(FeedListener listener) {
        this.extra = listener;
    }

    @Override
    public void subscribe(long fromMs, Consumer<FindingEvent> findings, Consumer<ExperimentEvent> experiments) {
        FeedListener also = extra;
        // The coordinator is the one dead-letter writer (once per record, across restarts); nodes skip and count.
        FeedSettings settings = FeedSettings.of(bootstrap).withDeadLetter(false).from(fromMs);
        SwarmFeed.Listener listener = new SwarmFeed.Listener() {
            @Override
            public void onFinding(FindingEvent finding, long receivedAtMs) {
                findings.accept(finding);
                if (also != null) {
                    also.onFinding(finding, receivedAtMs);
                }
            }

            @Override
            public void onExperiment(ExperimentEvent experiment) {
                experiments.accept(experiment);
                if (also != null) {
                    also.onExperiment(experiment);
                }
            }
        };
        findingsFeed = SwarmFeed.start(settings, List.of(Topics.FINDINGS), listener);
        experimentsFeed = SwarmFeed.start(settings.batched(EXPERIMENTS_WAIT), List.of(Topics.EXPERIMENTS), listener);
    }

    @Override
    public long pending() {
        return publisher.pendingCount();
    }

    /** Waits until every published event is acknowledged by Kafka. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return publisher.awaitDrained(timeout);
    }

    /** Waits until the feed has read the log up to its end at subscription time. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        SwarmFeed f = findingsFeed;
        SwarmFeed e = experimentsFeed;
        long deadline = System.nanoTime() + timeout.toNanos();
        return f != null && e != null && f.awaitCaughtUp(timeout)
                && e.awaitCaughtUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public void close() {
        try {
            for (SwarmFeed f : new SwarmFeed[] {findingsFeed, experimentsFeed}) {
                if (f != null) {
                    f.close();
                }
            }
            publisher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outbox.close();
        }
    }
}
