package io.swarmhub.coordinator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a coordinator.
 *
 * @param kafkaBootstrap  Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param grpcHost        address the gRPC server binds ({@code 127.0.0.1}; {@code 0.0.0.0} for remote nodes)
 * @param grpcPort        gRPC port; 0 picks a free one (see {@link Coordinator#grpcPort()})
 * @param dataDir         where campaign base bundles are kept
 * @param adminToken      token LaunchCampaign/StopCampaign require, or null for none
 * @param leaseDuration   how long a node stays registered without a heartbeat
 * @param topicPartitions partitions of the experiments and findings topics when this coordinator creates them
 * @param kafkaTimeout    how long to wait for Kafka on startup and on campaign writes
 * @param policySeed      seed of the SuggestParent policy's randomness
 */
public record Config(String kafkaBootstrap, String grpcHost, int grpcPort, Path dataDir, String adminToken,
                     Duration leaseDuration, int topicPartitions, Duration kafkaTimeout, long policySeed) {

    /** The default gRPC port ({@code swarm coordinator} without {@code --grpc-port}). */
    public static final int DEFAULT_GRPC_PORT = 7440;

    public Config {
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException("the Kafka bootstrap address must not be empty (e.g. 127.0.0.1:9092)");
        }
        Objects.requireNonNull(grpcHost, "grpcHost");
        if (grpcPort < 0 || grpcPort > 65535) {
            throw new IllegalArgumentException("gRPC port " + grpcPort + " is not in 0..65535");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topic partitions must be >= 1");
        }
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
    }

    /** A config with defaults: loopback, no admin token, 30 s leases, 3 partitions, 30 s Kafka timeout. */
    public static Config of(String kafkaBootstrap, int grpcPort, Path dataDir) {
        return new Config(kafkaBootstrap, "127.0.0.1", grpcPort, dataDir, null, Duration.ofSeconds(30), 3,
                Duration.ofSeconds(30), 1L);
    }

    /** This config with an admin token (null or empty: none). */
    public Config withAdminToken(String token) {
        return new Config(kafkaBootstrap, grpcHost, grpcPort, dataDir, token, leaseDuration, topicPartitions,
                kafkaTimeout, policySeed);
    }

    /** This config bound to another address. */
    public Config withGrpcHost(String host) {
        return new Config(kafkaBootstrap, host, grpcPort, dataDir, adminToken, leaseDuration, topicPartitions,
                kafkaTimeout, policySeed);
    }

    /** This config with another node lease duration. */
    public Config withLeaseDuration(Duration lease) {
        return new Config(kafkaBootstrap, grpcHost, grpcPort, dataDir, adminToken, lease, topicPartitions,
                kafkaTimeout, policySeed);
    }

    /** This config with another partition count for newly created topics. */
    public Config withTopicPartitions(int partitions) {
        return new Config(kafkaBootstrap, grpcHost, grpcPort, dataDir, adminToken, leaseDuration, partitions,
                kafkaTimeout, policySeed);
    }

    /** This config with another Kafka timeout. */
    public Config withKafkaTimeout(Duration timeout) {
        return new Config(kafkaBootstrap, grpcHost, grpcPort, dataDir, adminToken, leaseDuration, topicPartitions,
                timeout, policySeed);
    }

    /** Whether campaign changes need a token. */
    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isEmpty();
    }
}
