package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of a command, on {@link Topics#SCALE_OUTCOMES}.
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record ScaleOutcome(
        @JsonPropertyDescription("unique per outcome")
        UUID eventId,
        @JsonPropertyDescription("the command")
        UUID commandId,
        @JsonPropertyDescription("instance id")
        UUID instanceId,
        @JsonPropertyDescription("result")
        Status status,
        @JsonPropertyDescription("why it was skipped, for machines (only when status is skipped)")
        SkipReason skipReason,
        @JsonPropertyDescription("plan before")
        String fromPlan,
        @JsonPropertyDescription("target plan")
        String toPlan,
        @JsonPropertyDescription("the command's reason")
        String reason,
        @JsonPropertyDescription("start of execution")
        Instant startedAt,
        @JsonPropertyDescription("end, after verification")
        Instant finishedAt,
        @JsonPropertyDescription("how long the change took: from the provider's acknowledgement to the verified new plan, milliseconds; 0 when no change was sent")
        long durationMs,
        @JsonPropertyDescription("provider's message when not succeeded")
        String error,
        @JsonPropertyDescription("what the change cost in availability, probed every second while it ran (left out when nothing was sent or the Redis could not be probed)")
        Availability availability) {

    /** {@code rejected}: refused before any call, the command contradicts the catalog or the instance's bounds. */
    public enum Status {
        succeeded, failed, skipped, rejected,
        /** What a code this release does not know reads as (a newer producer's): never sent. */
        @JsonEnumDefaultValue
        other
    }

    /** Why a command was skipped (set only when {@code status} is {@code skipped}). */
    public enum SkipReason {
        /** Dry run, for the instance or the whole actuator: nothing was changed. */
        dry_run,
        /** A newer command for the instance came before this one was started. */
        superseded,
        /** Older than the actuator's limit when it arrived: the load it answered has moved on. */
        stale,
        /** The plan was changed outside the autoscaler. */
        changed_by_hand,
        /** The instance was deleted. */
        instance_deleted,
        /** What a code this release does not know reads as (a newer producer's): never sent. */
        @JsonEnumDefaultValue
        other
    }
}
