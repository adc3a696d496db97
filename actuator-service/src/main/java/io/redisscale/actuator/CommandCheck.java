package io.redisscale.actuator;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import java.util.Map;
import java.util.Optional;

/**
 * What the actuator checks of a command before any call, trusting nothing it did not check itself:
 * the target plan is in the catalog, of the instance's service, and within its min and max plan. Pure.
 */
final class CommandCheck {
    private CommandCheck() {}

    /** The one check a resumed change must pass too: its target plan is in the catalog. */
    static Optional<String> unknownTarget(ScaleCommand c, Map<String, Plan> catalog) {
        return catalog.containsKey(c.toPlan()) ? Optional.empty()
                : Optional.of("plan " + c.toPlan() + " is not in the plan catalog");
    }

    /** Why the command must be refused, if it must. */
    static Optional<String> refusal(ScaleCommand c, InstanceConfig instance, Map<String, Plan> catalog) {
        Optional<String> unknown = unknownTarget(c, catalog);
        if (unknown.isPresent()) {
            return unknown;
        }
        Plan target = catalog.get(c.toPlan());
        if (!target.service().equals(instance.service())) {
            return Optional.of(c.toPlan() + " is a " + target.service() + " plan; " + instance.name() + " uses "
                    + instance.service());
        }
        Plan min = catalog.get(instance.minPlan());
        Plan max = catalog.get(instance.maxPlan());
        if (min == null || max == null) {
            return Optional.of("the min or max plan of " + instance.name() + " is not in the plan catalog");
        }
        if (target.memoryBytes() < min.memoryBytes() || target.memoryBytes() > max.memoryBytes()) {
            return Optional.of(c.toPlan() + " is outside " + instance.name() + "'s plans " + min.name() + " to " + max.name());
        }
        return Optional.empty();
    }
}
