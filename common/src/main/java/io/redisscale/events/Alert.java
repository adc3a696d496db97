package io.redisscale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a person should know, on {@link Topics#ALERTS}.
 *
 * @param eventId unique per alert (the notifier's deduplication key)
 * @param detail  a readable sentence: the level, the threshold, the window, the plan
 */
public record Alert(
        UUID eventId,
        UUID instanceId,
        Kind kind,
        String plan,
        String detail,
        Instant at) {

    public enum Kind { threshold_breached, unreachable, back_to_normal, at_max_plan, at_min_plan, data_missing }
}
