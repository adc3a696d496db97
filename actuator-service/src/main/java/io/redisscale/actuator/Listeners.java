package io.redisscale.actuator;

import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.events.Events;
import io.redisscale.events.ScaleCommand;
import io.redisscale.runtime.Replica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Kafka in: the offset is committed once the command's state is stored; failures go to the DLQ. */
@ApplicationScoped
class Listeners {
    private final ConsumerGuard consume;
    private final Replica replica;
    private final CommandExecutor executor;

    Listeners(Replica replica, CommandExecutor executor, ConsumerGuard consume) {
        this.consume = consume;
        this.replica = replica;
        this.executor = executor;
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

    /** Unordered: a long Heroku change of one instance does not hold up the others (CommandExecutor locks per instance). */
    @Incoming(Channels.COMMANDS_IN)
    @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false)
    void onCommand(ConsumerRecord<String, String> record) {
        consume.record(Channels.COMMANDS_IN, record, () -> {
            executor.execute(Events.read(record.value(), ScaleCommand.class));
        });
    }
}
