package io.redisscale.runtime;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.redisscale.events.Alert;
import io.redisscale.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells the operators (through the notifier) that a record went to the dead-letter topic. The alert
 * names where the record came from and how to replay it; the full reason stays in the dead letter's
 * headers, where only {@code ./autoscaler dlq} shows it.
 */
@ApplicationScoped
public class DeadLetterAlerts {
    private static final Logger LOG = Logger.getLogger(DeadLetterAlerts.class);
    private final Outbox outbox;
    private final String service;

    public DeadLetterAlerts(Outbox outbox, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.service = service;
    }

    /** Queues one {@code dead_letter} alert; a failure to do so is logged and holds nothing up. */
    public void raise(String channel, ConsumerRecord<?, ?> record, String reason, Instant at) {
        String detail = ("%s could not process %s-%d@%d (key %s): %s. It is in %s%s; further dead letters on %s within the hour "
                + "are counted, not alerted. Fix the cause, then find it with ./autoscaler dlq list and replay it with "
                + "./autoscaler dlq replay <id>.").formatted(service, record.topic(), record.partition(), record.offset(), record.key(),
                        reason, DeadLetters.PREFIX, service, channel);
        Alert alert = new Alert(UUID.randomUUID(), Alert.SYSTEM, Alert.Kind.dead_letter, null, detail, at);
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.add(Topics.ALERTS, Alert.SYSTEM.toString(), alert));
        } catch (RuntimeException e) {
            LOG.errorf("could not queue the dead-letter alert for %s: %s", channel, e.getMessage());
        }
    }
}
