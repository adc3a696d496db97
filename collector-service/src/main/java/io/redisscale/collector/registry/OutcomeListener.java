package io.redisscale.collector.registry;

import io.redisscale.collector.Channels;
import io.redisscale.runtime.ConsumerGuard;
import io.redisscale.events.Events;
import io.redisscale.events.ScaleOutcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A succeeded outcome moves the instance's recorded plan, so samples report the plan it is on now, and
 * is kept as the last decision's result; after any outcome the replica that owns a Heroku instance reads
 * its add-on's plan again soon (it sees {@code lastOutcomeAt}), as Heroku is the judge of where it is.
 */
@ApplicationScoped
class OutcomeListener {
    private final ConsumerGuard consume;
    private final Instances instances;

    OutcomeListener(Instances instances, ConsumerGuard consume) {
        this.consume = consume;
        this.instances = instances;
    }

    @Incoming(Channels.OUTCOMES_IN)
    @Blocking
    void onOutcome(ConsumerRecord<String, String> record) {
        consume.record(Channels.OUTCOMES_IN, record, () -> {
            ScaleOutcome outcome = Events.read(record.value(), ScaleOutcome.class);
            if (outcome.status() == ScaleOutcome.Status.succeeded) {
                instances.planChanged(outcome.instanceId(), outcome.toPlan());
            }
            instances.outcome(outcome);
        });
    }
}
