package io.swarmhub.deploy.swarm;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The three-node swarm of {@link SwarmTest} against a Kafka the swarm did not start (a container):
 * what production looks like. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerSwarmTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.8.0");

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void threeNodes_everyExperimentOnceAndFindingsAdopted() throws Exception {
        AdoptionScenario.run(dir, KAFKA.getBootstrapServers());
    }
}
