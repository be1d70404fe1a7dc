package io.swarmhub.coordinator;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.swarmhub.coordinator.api.CoordinatorServer;
import io.swarmhub.coordinator.api.CoordinatorState;
import io.swarmhub.coordinator.campaign.CampaignEntry;
import io.swarmhub.coordinator.campaign.CampaignRegistry;
import io.swarmhub.coordinator.kafka.DeadLetters;
import io.swarmhub.coordinator.kafka.KafkaCampaignLog;
import io.swarmhub.coordinator.kafka.LogProjection;
import io.swarmhub.coordinator.kafka.TopicSetup;
import io.swarmhub.coordinator.metrics.CoordinatorMetrics;
import io.swarmhub.coordinator.node.NodeRegistry;
import io.swarmhub.coordinator.projection.CampaignControl;
import io.swarmhub.coordinator.projection.FileBundleStore;
import io.swarmhub.coordinator.projection.Projector;
import io.swarmhub.coordinator.tree.Direction;
import io.swarmhub.coordinator.tree.ExperimentForest;
import io.swarmhub.coordinator.tree.ParentPolicy;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.Campaign;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: creates the topics, replays the log into the experiment tree, then
 * serves gRPC. Components start in this order and close in reverse: Kafka admin and producer,
 * dead-letter index, core state, log projection (caught up before serving), watch executor,
 * gRPC server.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final long LINEAGE_CACHE_WEIGHT = 1_000_000;
    private static final String CONSUMER_ID = "swarmhub-coordinator";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ExperimentForest forest;
    private CampaignRegistry<Campaign> campaigns;
    private LogProjection projection;
    private CoordinatorServer server;
    private CoordinatorMetrics metrics;

    private Coordinator() {
    }

    /** Starts a coordinator; throws {@link IllegalStateException} with a clear message if Kafka is unreachable. */
    public static Coordinator start(Config config) throws IOException, InterruptedException {
        return start(config, Clock.systemUTC());
    }

    /** Starts a coordinator on the given clock (node leases, campaign timestamps). */
    public static Coordinator start(Config config, Clock clock) throws IOException, InterruptedException {
        Coordinator c = new Coordinator();
        try {
            c.assemble(config, clock);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void assemble(Config config, Clock clock) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Files.createDirectories(config.dataDir());
        String bootstrap = config.kafkaBootstrap();
        Duration timeout = config.kafkaTimeout();

        Admin admin;
        try {
            admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot use Kafka bootstrap address '" + bootstrap + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        started.push(admin);
        TopicSetup.ensure(admin, bootstrap, config.topicPartitions(), timeout);

        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES,
                ProducerConfig.CLIENT_ID_CONFIG, "swarmhub-coordinator"),
                new ByteArraySerializer(), new ByteArraySerializer());
        started.push(producer);
        DeadLetters deadLetters = new DeadLetters(producer);
        try (KafkaConsumer<byte[], byte[]> reader = consumer(bootstrap, "swarmhub-coordinator-deadletters")) {
            deadLetters.preload(reader, timeout);
        }

        forest = new ExperimentForest(LINEAGE_CACHE_WEIGHT, ForkJoinPool.commonPool());
        campaigns = new CampaignRegistry<>();
        FileBundleStore bundles = new FileBundleStore(config.dataDir().resolve("campaigns"));
        Projector projector = new Projector(forest, campaigns, bundles);

        projection = new LogProjection(consumer(bootstrap, CONSUMER_ID), admin, projector, deadLetters,
                named("swarmhub-log-projection"));
        NodeRegistry nodes = new NodeRegistry(clock, config.leaseDuration());
        metrics = new CoordinatorMetrics(forest, id -> campaigns.get(id).map(CampaignEntry::direction)
                .orElse(Direction.MINIMIZE), nodes, CONSUMER_ID, LogProjection.topics(), projection::consumerMetrics);
        projection.onFinding(metrics::findingSeen);
        started.push(projection);
        projection.start();
        long t0 = System.nanoTime();
        if (!projection.awaitCaughtUp(timeout)) {
            throw new IllegalStateException("could not replay the log from Kafka at " + bootstrap + " within "
                    + timeout.toSeconds() + " s");
        }
        LOG.info("replayed the log in {} ms ({} ms since start): {} campaigns, {} experiment trees",
                (System.nanoTime() - t0) / 1_000_000, (System.nanoTime() - begin) / 1_000_000,
                campaigns.list().size(), forest.campaignIds().size());

        UlidSource ids = new UlidSource(clock, new SecureRandom());
        CampaignControl control = new CampaignControl(campaigns, bundles,
                new KafkaCampaignLog(producer, projection, timeout), ids, clock);
        CoordinatorState state = new CoordinatorState(forest, campaigns,
                nodes, ParentPolicy.withSeed(config.policySeed()),
                bundles, control, ids, bootstrap);

        ExecutorService watchExecutor = Executors.newFixedThreadPool(2, named("swarmhub-watch"));
        started.push(watchExecutor::shutdownNow);
        server = new CoordinatorServer(NettyServerBuilder
                .forAddress(new InetSocketAddress(config.grpcHost(), config.grpcPort()))
                .maxInboundMessageSize(Topics.MAX_MESSAGE_BYTES), state, config.adminToken(), watchExecutor);
        server.start();
        started.push(server);
        LOG.info("coordinator serving gRPC on {}:{}", config.grpcHost(), server.port());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String clientId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Replay speed: fewer, larger fetches (a campaign event may be up to MAX_MESSAGE_BYTES anyway).
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES,
                // A live swarm's events come one by one; fetching each alone cost a busy 8-node swarm as many
                // fetches a second as events. Batching for at most 50 ms is invisible in the tree and the UI.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The port gRPC listens on. */
    public int grpcPort() {
        return server.port();
    }

    /** The experiment trees (read-only use: HTTP views, tests). */
    public ExperimentForest forest() {
        return forest;
    }

    /** The campaigns (read-only use: HTTP views, tests). */
    public CampaignRegistry<Campaign> campaigns() {
        return campaigns;
    }

    /** The coordinator's Prometheus metrics; mount {@link CoordinatorMetrics#httpHandler()} at {@code /metrics}. */
    public CoordinatorMetrics metrics() {
        return metrics;
    }

    /** Waits until everything in the log at call time has been applied; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return projection.awaitCaughtUp(timeout);
    }

    /** Stops serving, stops the projection, closes the Kafka clients: the reverse of startup. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            long t0 = System.nanoTime();
            try {
                c.close();
                LOG.debug("closed {} in {} ms", c, (System.nanoTime() - t0) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
    }
}
