package io.swarmhub.node.swarm;

import io.swarmhub.protocol.kafka.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (combined broker + controller) in this JVM, for the swarm
 * adapter tests. The broker can be stopped and started again on the same port.
 */
final class EmbeddedKafka implements AutoCloseable {
    static {
        // Kafka logs a lot at INFO; keep the test output readable. Must run before SLF4J initialises.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.swarmhub", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private final KafkaClusterTestKit cluster;

    EmbeddedKafka() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // a restarted broker re-registers only after the controller expires its old session
                .setConfigProp("broker.session.timeout.ms", "1500")
                .setConfigProp("broker.heartbeat.interval.ms", "300")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** Creates the swarm's topics with the given partition count for experiments and findings. */
    void createTopics(int partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<NewTopic> topics = Topics.specs(partitions).stream()
                    .map(s -> new NewTopic(s.name(), s.partitions(), (short) 1).configs(s.configs()))
                    .toList();
            admin.createTopics(topics).all().get();
        }
    }

    /** Stops the broker; the controller keeps running, clients see connection refused. */
    void stopBroker() {
        broker().shutdown();
    }

    /** Starts the stopped broker again, on the same port. */
    void startBroker() throws Exception {
        broker().startup();
        cluster.waitForReadyBrokers();
    }

    private kafka.server.BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
