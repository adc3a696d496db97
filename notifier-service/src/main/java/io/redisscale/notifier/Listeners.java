package io.redisscale.notifier;

import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.events.Alert;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Kafka in: offsets are committed once the event's email is stored for delivery (or recorded as not wanted). */
@ApplicationScoped
class Listeners {
    private final ConsumerGuard consume;
    private static final Logger LOG = Logger.getLogger(Listeners.class);
    private final Replica replica;
    private final Notifier notifier;

    Listeners(Replica replica, Notifier notifier, ConsumerGuard consume) {
        this.consume = consume;
        this.replica = replica;
        this.notifier = notifier;
    }

    /*
     * The replicas are written on a pool of their own: ordered blocking work shares a queue per Vert.x
     * context, and an event waiting for its instance must not sit in front of that instance's record.
     */
    @Incoming(Channels.INSTANCES_IN)
    @io.smallrye.reactive.messaging.annotations.Blocking(value = "replica-writer", ordered = true)
    void onInstance(ConsumerRecord<String, String> record) {
        consume.record(Channels.INSTANCES_IN, record, () -> {
            replica.apply(record);
        });
    }

    @Incoming(Channels.PLANS_IN)
    @io.smallrye.reactive.messaging.annotations.Blocking(value = "replica-writer", ordered = true)
    void onPlan(ConsumerRecord<String, String> record) {
        consume.record(Channels.PLANS_IN, record, () -> {
            replica.apply(record);
        });
    }

    @Incoming(Channels.OUTCOMES_IN)
    @Blocking
    void onOutcome(ConsumerRecord<String, String> record) {
        consume.record(Channels.OUTCOMES_IN, record, () -> {
            ScaleOutcome o = Events.read(record.value(), ScaleOutcome.class);
            Optional<InstanceConfig> i = notifier.instanceFor(o.instanceId(), o.finishedAt());
            if (i.isEmpty()) {
                LOG.infof("outcome %s for a deleted or unknown instance %s: no email", o.eventId(), o.instanceId());
                return;
            }
            notifier.notify(Message.of(o, i.get(), notifier.plans(), notifier.prefix()), i.get());
            notifier.deliverSoon();
        });
    }

    @Incoming(Channels.REPORTS_IN)
    @Blocking
    void onReport(ConsumerRecord<String, String> record) {
        consume.record(Channels.REPORTS_IN, record, () -> {
            notifier.notifySavings(Message.of(Events.read(record.value(), io.redisscale.events.SavingsReport.class), notifier.prefix()));
            notifier.deliverSoon();
        });
    }

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    void onAlert(ConsumerRecord<String, String> record) {
        consume.record(Channels.ALERTS_IN, record, () -> {
            Alert a = Events.read(record.value(), Alert.class);
            if (a.kind() == Alert.Kind.dead_letter) {
                notifier.notifyOperators(Message.ofSystem(a, notifier.prefix()));
                notifier.deliverSoon();
                return;
            }
            Optional<InstanceConfig> i = notifier.instanceFor(a.instanceId(), a.at());
            if (i.isEmpty()) {
                LOG.infof("alert %s for a deleted or unknown instance %s: no email", a.eventId(), a.instanceId());
                return;
            }
            notifier.notify(Message.of(a, i.get(), notifier.plans(), notifier.prefix()), i.get());
            notifier.deliverSoon();
        });
    }
}
