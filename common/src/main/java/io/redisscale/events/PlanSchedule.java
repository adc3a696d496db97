package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * An instance's plan schedule as the API takes it and {@link InstanceConfig} carries it: time ranges in the
 * instance's time zone that set a minimum and/or maximum plan while they hold. Only the shape: what it means and
 * whether it can hold is {@code io.redisscale.schedule.Schedule}'s, the one place that reads it.
 */
public record PlanSchedule(
        @JsonPropertyDescription("IANA time zone the ranges are read in, e.g. Europe/Berlin (UTC when left out)")
        String timeZone,
        @JsonPropertyDescription("the ranges; where several hold, the highest minimum and the lowest maximum win")
        List<Range> ranges) {

    /** No range. */
    public static final PlanSchedule NONE = new PlanSchedule("UTC", List.of());

    public PlanSchedule {
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    /**
     * One range: weekly ({@code days} with {@code from} and {@code to}), one date ({@code date} with {@code from} and
     * {@code to}), or a cron expression with a duration; {@code to} before {@code from} runs past midnight.
     */
    public record Range(
            @JsonPropertyDescription("a name shown in decisions, e.g. office hours")
            String name,
            @JsonPropertyDescription("weekly: days of the week, MON to SUN")
            List<String> days,
            @JsonPropertyDescription("one-off: the date, YYYY-MM-DD")
            String date,
            @JsonPropertyDescription("start, HH:MM (with days or date)")
            String from,
            @JsonPropertyDescription("end, HH:MM (with days or date); before from: the next day")
            String to,
            @JsonPropertyDescription("five-field cron expression (minute hour day-of-month month day-of-week) of each start")
            String cron,
            @JsonPropertyDescription("with cron: how long the range holds after each start, minutes")
            Integer durationMinutes,
            @JsonPropertyDescription("the smallest plan while the range holds")
            String minPlan,
            @JsonPropertyDescription("the largest plan while the range holds")
            String maxPlan) {}
}
