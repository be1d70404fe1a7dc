package io.swarmhub.deploy.cli;

import io.swarmhub.protocol.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The findings topic read with a plain consumer: every partition assigned (no group, nothing
 * committed), from the start or the end, to the end offsets seen at open or forever.
 */
final class FindingsTopic implements AutoCloseable {
    /** Kafka could not be reached, or has no findings topic: the message says which and what to do. */
    static final class UnreachableException extends Exception {
        UnreachableException(String message) {
            super(message);
        }
    }

    private final String bootstrap;
    private final Duration wait;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private Map<TopicPartition, Long> end;

    FindingsTopic(String bootstrap, Duration wait) {
        this.bootstrap = bootstrap;
        this.wait = wait;
    }

    /** Assigns every partition, positioned at the beginning ({@code fromBeginning}) or the end. */
    void open(boolean fromBeginning) throws UnreachableException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "swarm-findings");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES));
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        try {
            consumer = new KafkaConsumer<>(p);
        } catch (KafkaException e) {
            throw new UnreachableException("cannot use the Kafka address " + bootstrap + " (" + rootMessage(e)
                    + "); pass --kafka HOST:PORT as `swarm up` prints it");
        }
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(Topics.FINDINGS, wait);
        } catch (KafkaException e) {
            throw new UnreachableException("cannot reach Kafka at " + bootstrap + " within " + wait.toSeconds() + " s ("
                    + rootMessage(e) + "); start the swarm (`swarm up` prints its Kafka address) or pass --kafka HOST:PORT");
        }
        if (infos == null || infos.isEmpty()) {
            throw new UnreachableException("Kafka at " + bootstrap + " has no topic " + Topics.FINDINGS
                    + "; is it the swarm's broker? The coordinator creates the topic when it starts");
        }
        partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        try {
            end = new HashMap<>(consumer.endOffsets(partitions, wait));
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                end.forEach(consumer::seek);
            }
        } catch (KafkaException e) {
            throw new UnreachableException("Kafka at " + bootstrap + " did not answer for " + Topics.FINDINGS + " within "
                    + wait.toSeconds() + " s (" + rootMessage(e) + ")");
        }
    }

    /**
     * Hands records to {@code sink} until the end offsets seen at open, or forever with {@code
     * follow}; stops early when the sink answers false.
     */
    void read(boolean follow, Predicate<ConsumerRecord<String, byte[]>> sink) {
        while (follow || !atEnd()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (!sink.test(r)) {
                    return;
                }
            }
        }
    }

    private boolean atEnd() {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, wait) < end.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    /** Interrupts a blocking read from another thread (Ctrl-C): {@link #read} throws {@code WakeupException}. */
    void wakeup() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (KafkaException e) {
                // closing a consumer whose broker went away: nothing to flush, nothing committed
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
