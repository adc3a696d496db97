package io.redisscale.collector.polling;

import io.redisscale.collector.CollectorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.redisscale.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Splits the instances between collector replicas with Kafka's own group assignment: every replica
 * joins one consumer group on {@link Topics#INSTANCES}, and polls the instances whose key falls in a
 * partition assigned to it (the producer's partitioner decides that partition). A replica that dies
 * leaves the group after the session timeout and its partitions move to the others; one that joins
 * takes its share. No second coordinator is needed.
 */
@ApplicationScoped
class KafkaOwnership implements Ownership {
    private static final Logger LOG = Logger.getLogger(KafkaOwnership.class);

    private final io.redisscale.runtime.KafkaClients kafka;
    private final CollectorConfig config;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    private final io.redisscale.runtime.KafkaNames names;

    private final InFlightPolls inFlight;

    KafkaOwnership(io.redisscale.runtime.KafkaClients kafka, io.redisscale.runtime.KafkaNames names, CollectorConfig config,
                   InFlightPolls inFlight) {
        this.kafka = kafka;
        this.inFlight = inFlight;
        this.names = names;
        this.config = config;
    }

    @Override
    public boolean owns(UUID instanceId) {
        int n = partitions;
        return n > 0 && owned.contains(partitionOf(instanceId, n));
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /** The partition the default partitioner gives a record keyed by the instance id. */
    static int partitionOf(UUID instanceId, int partitions) {
        return Utils.toPositive(Utils.murmur2(instanceId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    void onStart(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, names.group(config.ownershipGroup()),
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                // A dead replica's instances move after this long: kept under the shortest metric rate (30 s).
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.ownershipSessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.ownershipSessionTimeout().toMillis() / 4,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        thread = new Thread(this::run, "collector-ownership");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(names.topic(Topics.INSTANCES)), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    partitions = consumer.partitionsFor(names.topic(Topics.INSTANCES)).size();
                    assigned.forEach(p -> owned.add(p.partition()));
                    generation.incrementAndGet();
                    LOG.infof("polling the instances of partitions %s of %d", owned, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    Set<Integer> gone = release(revoked);
                    // Handed over only once their running polls are stored: the next owner then waits a period
                    // from them instead of polling again at once (the cooperative protocol assigns the
                    // partitions elsewhere only after this returns).
                    int n = partitions;
                    try {
                        if (!inFlight.awaitNone(id -> gone.contains(partitionOf(id, n)), config.pollTimeout().plusSeconds(2))) {
                            LOG.warnf("handing over partitions %s with polls not stored yet", gone);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> lost) {
                    release(lost); // another replica has them already: nothing to wait for
                }
            });
            // The records themselves are not needed (the instances are in the database): polling keeps
            // this replica in the group and runs the rebalance callbacks.
            while (true) {
                try {
                    consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    LOG.warnf("ownership consumer: %s; trying again", e.getMessage());
                    sleep();
                }
            }
        } catch (WakeupException stopping) {
            // shutdown
        } finally {
            owned.clear();
            generation.incrementAndGet();
            consumer.close(Duration.ofSeconds(5)); // leaving the group hands the partitions over at once
        }
    }

    /** Stops polling the instances of {@code partitions} (no new poll starts for them); returns their numbers. */
    private Set<Integer> release(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new java.util.HashSet<>();
        partitions.forEach(p -> numbers.add(p.partition()));
        owned.removeAll(numbers);
        generation.incrementAndGet();
        return numbers;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.wakeup();
            thread.join(10_000);
        }
        owned.clear();
    }
}
