package io.redisscale.runtime;

import io.redisscale.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes a poison record of a batch channel to the service's dead-letter topic, with the same headers
 * SmallRye's dead-letter strategy writes for single-record channels, so {@code ./autoscaler dlq} lists
 * and replays both alike. Synchronous: the batch is acknowledged only once its dead letters are stored.
 */
@ApplicationScoped
public class DeadLetterTopic {
    private final KafkaClients kafka;
    private final String topic;
    private final int deliveryTimeoutMs;
    private final int requestTimeoutMs;
    private volatile KafkaProducer<String, String> producer;

    /** The timeouts are the outbox producer's: a dead letter waits for the broker as an event does. */
    public DeadLetterTopic(KafkaClients kafka, KafkaNames names,
                           @ConfigProperty(name = "quarkus.application.name") String service,
                           @ConfigProperty(name = "mp.messaging.outgoing.outbox.delivery.timeout.ms") int deliveryTimeoutMs,
                           @ConfigProperty(name = "mp.messaging.outgoing.outbox.request.timeout.ms") int requestTimeoutMs) {
        this.kafka = kafka;
        this.topic = names.topic(Topics.deadLetter(service));
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Stores {@code record} with {@code failure} as its reason; a broker that does not answer is a transient failure. */
    public void send(ConsumerRecord<?, ?> record, Throwable failure) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, text(record.key()), text(record.value()));
        header(letter, "dead-letter-reason", String.valueOf(failure.getMessage()));
        header(letter, "dead-letter-exception-class-name", failure.getClass().getName());
        if (failure.getCause() != null) {
            header(letter, "dead-letter-cause", String.valueOf(failure.getCause().getMessage()));
            header(letter, "dead-letter-cause-class-name", failure.getCause().getClass().getName());
        }
        header(letter, "dead-letter-topic", record.topic());
        header(letter, "dead-letter-partition", String.valueOf(record.partition()));
        header(letter, "dead-letter-offset", String.valueOf(record.offset()));
        try {
            producer().send(letter).get(deliveryTimeoutMs + 10_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("dead-letter topic did not acknowledge in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerGuard.Stopping(e); // interrupted only when the service stops
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(kafka.producer(Map.of(
                            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs)),
                            new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
