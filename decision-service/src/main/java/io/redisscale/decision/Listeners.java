package io.redisscale.decision;

import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Kafka in: samples a batch per transaction, the rest a record per transaction; transient failures wait, poison goes to the dead-letter topic. */
@ApplicationScoped
class Listeners {
    private final ConsumerGuard consume;
    private final Replica replica;
    private final DecisionEngine engine;

    Listeners(Replica replica, DecisionEngine engine, ConsumerGuard consume) {
        this.consume = consume;
        this.replica = replica;
        this.engine = engine;
    }

    /** Instances in batches too: a fleet of 50,000 registered at once is applied in seconds, not minutes. */
    @Incoming(Channels.INSTANCES_IN)
    @Blocking
    void onInstances(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        consume.batch(Channels.INSTANCES_IN, batch, replica::applyAll, one -> replica.apply(one));
    }

    @Incoming(Channels.PLANS_IN)
    @Blocking
    void onPlan(ConsumerRecord<String, String> record) {
        consume.record(Channels.PLANS_IN, record, () -> {
            replica.apply(record);
        });
    }

    /** Samples come in batches (one poll), judged in one transaction; a poison record is set aside alone. */
    @Incoming(Channels.METRICS_IN)
    @Blocking
    void onSamples(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        consume.batch(Channels.METRICS_IN, batch, all -> judge(all.stream().map(Listeners::sample).toList()),
                one -> judge(List.of(sample(one))));
    }

    private void judge(List<MetricSample> samples) {
        try {
            engine.onSamples(samples);
        } catch (RuntimeException e) {
            engine.forget(samples);
            throw e;
        }
    }

    private static MetricSample sample(ConsumerRecord<String, String> record) {
        return Events.read(record.value(), MetricSample.class);
    }

    @Incoming(Channels.OUTCOMES_IN)
    @Blocking
    void onOutcome(ConsumerRecord<String, String> record) {
        consume.record(Channels.OUTCOMES_IN, record, () -> {
            engine.onOutcome(Events.read(record.value(), ScaleOutcome.class));
        });
    }
}
