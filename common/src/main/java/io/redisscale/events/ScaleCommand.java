package io.redisscale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An order to move an instance to another plan, on {@link Topics#SCALE_COMMANDS}. The command id is
 * the idempotency key of the actuator.
 */
public record ScaleCommand(
        UUID commandId,
        UUID instanceId,
        String fromPlan,
        String toPlan,
        Direction direction,
        String reason,
        DecisionInputs inputs,
        Plan target,
        Instant decidedAt) {

    public enum Direction { up, down }
}
