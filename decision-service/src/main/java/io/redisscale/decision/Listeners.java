package io.redisscale.decision;

import io.redisscale.runtime.Consume;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Kafka in: each record processed in its own transaction; transient failures wait, poison goes to the dead-letter topic. */
@ApplicationScoped
class Listeners {
    private final Consume consume;
    private final Replica replica;
    private final DecisionEngine engine;

    Listeners(Replica replica, DecisionEngine engine, Consume consume) {
        this.consume = consume;
        this.replica = replica;
        this.engine = engine;
    }

    @Incoming(Channels.INSTANCES_IN)
    @Blocking
    void onInstance(ConsumerRecord<String, String> record) {
        consume.record(Channels.INSTANCES_IN, record, () -> {
            replica.apply(record);
        });
    }

    @Incoming(Channels.PLANS_IN)
    @Blocking
    void onPlan(ConsumerRecord<String, String> record) {
        consume.record(Channels.PLANS_IN, record, () -> {
            replica.apply(record);
        });
    }

    @Incoming(Channels.METRICS_IN)
    @Blocking
    void onSample(ConsumerRecord<String, String> record) {
        consume.record(Channels.METRICS_IN, record, () -> {
            engine.onSample(Events.read(record.value(), MetricSample.class));
        });
    }

    @Incoming(Channels.OUTCOMES_IN)
    @Blocking
    void onOutcome(ConsumerRecord<String, String> record) {
        consume.record(Channels.OUTCOMES_IN, record, () -> {
            engine.onOutcome(Events.read(record.value(), ScaleOutcome.class));
        });
    }
}
