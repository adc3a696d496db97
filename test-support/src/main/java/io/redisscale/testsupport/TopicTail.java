package io.redisscale.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its start, as an outside observer of the system would (behind the system's KAFKA_PREFIX, if any). */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    /** By partition and offset: after a rebalance (a broker restart) the start is read again, and counted once. */
    private final Map<String, org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> seen = new java.util.LinkedHashMap<>();

    /** The system's topic {@code topic} (a name of {@code Topics}) on a broker where the system runs behind {@code prefix}. */
    public TopicTail(String bootstrap, String prefix, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "observer-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(prefix + topic));
    }

    /** Everything read so far, after polling until a poll brings nothing new. */
    public List<String> values() {
        return records().stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).toList();
    }

    /** As {@link #values()}, the whole records (headers included). */
    public synchronized List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records() {
        int before;
        do {
            before = seen.size();
            consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.putIfAbsent(r.partition() + "@" + r.offset(), r));
        } while (seen.size() > before);
        return new ArrayList<>(seen.values());
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
