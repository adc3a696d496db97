package io.redisscale.collector.plans;

import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * A provider's catalog as the provider tells it (Redis Cloud's Essentials plans of a region): each plan stored, or
 * brought up to the provider's figures, and published on {@link Topics#PLANS} with the row when new or changed.
 */
@ApplicationScoped
public class PlanCatalogs {
    private final Outbox outbox;
    private final Clock clock;

    PlanCatalogs(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void store(List<Plan> plans) {
        for (Plan p : plans) {
            PlanEntity e = PlanEntity.findById(p.name());
            if (e == null) {
                e = PlanEntity.of(p, clock.instant());
                e.persist();
            } else if (!e.set(p, clock.instant())) {
                continue;
            }
            outbox.add(Topics.PLANS, e.name, e.toEvent());
        }
    }
}
