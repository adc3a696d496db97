package io.redisscale.collector;

import io.redisscale.events.Events;
import io.redisscale.events.ScaleOutcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A succeeded outcome moves the instance's recorded plan, so samples report the plan it is on now; after
 * any outcome a Heroku add-on's plan is read again soon, as Heroku is the judge of where it is.
 */
@ApplicationScoped
class OutcomeListener {
    private final Instances instances;
    private final HerokuPlanRefresher refresher;

    OutcomeListener(Instances instances, HerokuPlanRefresher refresher) {
        this.instances = instances;
        this.refresher = refresher;
    }

    @Incoming(Channels.OUTCOMES_IN)
    @Blocking
    void onOutcome(ConsumerRecord<String, String> record) {
        ScaleOutcome outcome = Events.read(record.value(), ScaleOutcome.class);
        if (outcome.status() == ScaleOutcome.Status.succeeded) {
            instances.planChanged(outcome.instanceId(), outcome.toPlan());
        }
        refresher.readSoon(outcome.instanceId());
    }
}
