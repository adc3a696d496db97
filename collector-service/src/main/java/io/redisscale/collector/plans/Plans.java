package io.redisscale.collector.plans;

import io.redisscale.collector.ProblemException;
import io.redisscale.runtime.api.Problem;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Edits of the plan catalog; the row and its event on {@link Topics#PLANS} commit together. */
@ApplicationScoped
class Plans {
    private final Outbox outbox;
    private final Clock clock;

    Plans(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    PlanEntity update(String name, PlanUpdate update) {
        List<Problem.FieldError> errors = check(update);
        PlanEntity plan = PlanEntity.findById(name);
        if (plan == null) {
            throw ProblemException.notFound("plan " + name);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the plan is not valid", errors);
        }
        plan.memoryBytes = update.memoryBytes();
        plan.maxConnections = update.maxConnections();
        plan.priceMonthUsd = update.priceMonthUsd();
        plan.updatedAt = clock.instant();
        outbox.add(Topics.PLANS, plan.name, plan.toEvent());
        return plan;
    }

    static List<Problem.FieldError> check(PlanUpdate u) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (u == null) {
            return List.of(new Problem.FieldError("body", "a JSON body is required"));
        }
        if (u.memoryBytes() == null || u.memoryBytes() <= 0) {
            errors.add(new Problem.FieldError("memoryBytes", "is required and must be above 0"));
        }
        if (u.maxConnections() == null || (u.maxConnections() != -1 && u.maxConnections() <= 0)) {
            errors.add(new Problem.FieldError("maxConnections", "is required: above 0, or -1 for unlimited"));
        }
        if (u.priceMonthUsd() == null || u.priceMonthUsd() < 0 || u.priceMonthUsd().isNaN()
                || u.priceMonthUsd().isInfinite()) {
            errors.add(new Problem.FieldError("priceMonthUsd", "is required and must be 0 or more"));
        }
        return errors;
    }
}
