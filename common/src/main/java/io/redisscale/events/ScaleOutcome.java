package io.redisscale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of a command, on {@link Topics#SCALE_OUTCOMES}.
 *
 * @param eventId    unique per outcome (the notifier's deduplication key)
 * @param durationMs from the start of execution to the verified plan, milliseconds
 */
public record ScaleOutcome(
        UUID eventId,
        UUID commandId,
        UUID instanceId,
        Status status,
        String fromPlan,
        String toPlan,
        String reason,
        Instant startedAt,
        Instant finishedAt,
        long durationMs,
        String error) {

    public enum Status { succeeded, failed, skipped }
}
