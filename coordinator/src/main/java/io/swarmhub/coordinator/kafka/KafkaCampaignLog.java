package io.swarmhub.coordinator.kafka;

import io.swarmhub.coordinator.projection.CampaignLog;
import io.swarmhub.coordinator.projection.LogUnavailableException;
import io.swarmhub.protocol.kafka.EventCodec;
import io.swarmhub.protocol.kafka.Topics;
import io.swarmhub.protocol.v1.CampaignEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes campaign events to {@link Topics#CAMPAIGNS} (key = campaign id) and waits until the
 * coordinator's own {@link LogProjection} has applied them.
 */
public final class KafkaCampaignLog implements CampaignLog {
    private final Producer<byte[], byte[]> producer;
    private final LogProjection projection;
    private final Duration timeout;

    public KafkaCampaignLog(Producer<byte[], byte[]> producer, LogProjection projection, Duration timeout) {
        this.producer = producer;
        this.projection = projection;
        this.timeout = timeout;
    }

    @Override
    public void append(CampaignEvent event) {
        byte[] key = event.getCampaignId().getBytes(StandardCharsets.UTF_8);
        try {
            RecordMetadata md = producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, key, EventCodec.encode(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!projection.awaitApplied(new TopicPartition(md.topic(), md.partition()), md.offset(), timeout)) {
                throw new LogUnavailableException("campaign " + event.getCampaignId()
                        + " was written but not read back within " + timeout.toSeconds() + " s", null);
            }
        } catch (ExecutionException e) {
            throw new LogUnavailableException("cannot write campaign " + event.getCampaignId() + " to "
                    + Topics.CAMPAIGNS + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LogUnavailableException("Kafka did not take campaign " + event.getCampaignId()
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while writing campaign " + event.getCampaignId(), e);
        }
    }
}
