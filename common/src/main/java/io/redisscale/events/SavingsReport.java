package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A month's savings ledger, published once per UTC month on {@link Topics#REPORTS} (key: the month).
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record SavingsReport(
        @JsonPropertyDescription("unique per report")
        UUID eventId,
        @JsonPropertyDescription("the UTC month, yyyy-MM")
        String month,
        @JsonPropertyDescription("start of the month")
        Instant from,
        @JsonPropertyDescription("start of the next month")
        Instant to,
        @JsonPropertyDescription("what the fleet cost, USD, prorated per second from each plan history")
        double costUsd,
        @JsonPropertyDescription("what it would have cost on the plans the instances were registered on, USD")
        double registeredUsd,
        @JsonPropertyDescription("registeredUsd minus costUsd")
        double savedUsd,
        @JsonPropertyDescription("one line per instance that existed in the month")
        List<Line> instances) {

    /** One instance's month. */
    public record Line(UUID instanceId, String name, double costUsd, String registeredPlan, double registeredUsd,
                       double savedUsd, String rightSizedPlan, Double rightSizedUsd) {}
}
