package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.UUID;

/**
 * An order to move an instance to another plan, on {@link Topics#SCALE_COMMANDS}. The command id is
 * the idempotency key of the actuator.
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record ScaleCommand(
        @JsonPropertyDescription("idempotency key")
        UUID commandId,
        @JsonPropertyDescription("instance id")
        UUID instanceId,
        @JsonPropertyDescription("current plan")
        String fromPlan,
        @JsonPropertyDescription("target plan")
        String toPlan,
        @JsonPropertyDescription("direction")
        Direction direction,
        @JsonPropertyDescription("why, for machines: the policy stage that settled the decision")
        ReasonCode reasonCode,
        @JsonPropertyDescription("readable reason of the decision")
        String reason,
        @JsonPropertyDescription("what the decision looked at")
        DecisionInputs inputs,
        @JsonPropertyDescription("the target plan")
        Plan target,
        @JsonPropertyDescription("when it was decided")
        Instant decidedAt) {

    public enum Direction {
        up, down,
        /** What a direction this release does not know reads as (a newer producer's): never sent. */
        @JsonEnumDefaultValue
        other
    }
}
