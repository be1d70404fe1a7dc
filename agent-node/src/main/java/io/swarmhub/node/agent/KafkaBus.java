package io.swarmhub.node.agent;

import io.swarmhub.node.swarm.FeedSettings;
import io.swarmhub.node.swarm.KafkaPublisher;
import io.swarmhub.node.swarm.Outbox;
import io.swarmhub.node.swarm.PublisherSettings;
import io.swarmhub.node.swarm.SwarmFeed;
import io.swarmhub.protocol.v1.ExperimentEvent;
import io.swarmhub.protocol.v1.FindingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** The swarm bus on Kafka: the durable outbox and its publisher, and a feed of everybody's events. */
public final class KafkaBus implements SwarmBus {
    private final String bootstrap;
    private final Outbox outbox;
    private final KafkaPublisher publisher;
    private volatile SwarmFeed feed;
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
        SwarmFeed f = feed;
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
    public void subscribe(Consumer<FindingEvent> findings, Consumer<ExperimentEvent> experiments) {
        FeedListener also = extra;
        // The coordinator is the one dead-letter writer (once per record, across restarts); nodes skip and count.
        feed = SwarmFeed.start(FeedSettings.of(bootstrap).withDeadLetter(false), new SwarmFeed.Listener() {
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
        });
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
        SwarmFeed f = feed;
        return f != null && f.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        try {
            if (feed != null) {
                feed.close();
            }
            publisher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outbox.close();
        }
    }
}
