package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.UUID;

/**
 * Something a person should know, on {@link Topics#ALERTS}.
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record Alert(
        @JsonPropertyDescription("unique per alert")
        UUID eventId,
        @JsonPropertyDescription("instance id; the nil UUID for an alert about the autoscaler itself (dead_letter)")
        UUID instanceId,
        @JsonPropertyDescription("what happened")
        Kind kind,
        @JsonPropertyDescription("plan at the time")
        String plan,
        @JsonPropertyDescription("readable: level, threshold, window, plan")
        String detail,
        @JsonPropertyDescription("when")
        Instant at) {

    public enum Kind {
        threshold_breached, unreachable, back_to_normal, at_max_plan, at_min_plan, data_missing,
        /**
         * The policy would change the plan, but the instance is in dry run or has scaling off: no command was sent.
         * Once per episode, with what would have been done.
         */
        would_scale,
        /** A would_scale episode ended: the policy no longer asks for a change (or the instance acts again). */
        would_scale_ended,
        /** A service could not process a record and sent it to its dead-letter topic: for the operators, once per episode. */
        dead_letter,
        /** What a code this release does not know reads as (a newer producer's): never sent. */
        @JsonEnumDefaultValue
        other
    }

    /** The instance id of alerts about the autoscaler itself rather than one instance. */
    public static final UUID SYSTEM = new UUID(0, 0);
}
