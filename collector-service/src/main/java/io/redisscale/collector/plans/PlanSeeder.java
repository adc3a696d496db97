package io.redisscale.collector.plans;

import io.quarkus.runtime.StartupEvent;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Seeds the plan catalog from the bundled catalogs (a plan already in the table is left as edited)
 * and republishes every plan at start-up, so the plans topic is whole even on a fresh broker.
 */
@ApplicationScoped
class PlanSeeder {
    private final Outbox outbox;
    private final Clock clock;

    PlanSeeder(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        for (String service : PlanCatalog.BUNDLED) {
            for (Plan p : PlanCatalog.bundled(service)) {
                if (PlanEntity.findById(p.name()) == null) {
                    PlanEntity.of(p, clock.instant()).persist();
                }
            }
        }
        for (PlanEntity plan : PlanEntity.<PlanEntity>listAll()) {
            outbox.add(Topics.PLANS, plan.name, plan.toEvent());
        }
    }
}
