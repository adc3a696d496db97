package io.redisscale.collector.registry;

import io.redisscale.collector.Channels;
import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.events.Events;
import io.redisscale.events.ScaleCommand;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each instance's last scale command for its live state. */
@ApplicationScoped
class CommandListener {
    private final ConsumerGuard consume;
    private final Instances instances;

    CommandListener(Instances instances, ConsumerGuard consume) {
        this.consume = consume;
        this.instances = instances;
    }

    @Incoming(Channels.COMMANDS_IN)
    @Blocking
    void onCommand(ConsumerRecord<String, String> record) {
        consume.record(Channels.COMMANDS_IN, record, () -> {
            instances.decided(Events.read(record.value(), ScaleCommand.class));
        });
    }
}
