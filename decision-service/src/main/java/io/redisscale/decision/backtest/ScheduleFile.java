package io.redisscale.decision.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.decision.policy.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A plan schedule as a file ({@code --schedule}): {@code {"timeZone": "Europe/Berlin", "ranges": [{"name": "office",
 * "days": ["MON", "TUE"], "from": "08:00", "to": "18:00", "minPlan": "..."}, {"name": "batch", "cron": "0 2 * * *",
 * "durationMinutes": 90, "minPlan": "..."}, {"name": "launch", "date": "2026-12-10", "from": "20:00", "to": "02:00",
 * "maxPlan": "..."}]}}. Every plan named must be in the catalog.
 */
final class ScheduleFile {
    private ScheduleFile() {}

    /** A schedule from its JSON; one that is not JSON, names an unknown plan or cannot hold is refused with why. */
    static Schedule parse(String json, java.util.Set<String> plans) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a schedule (JSON with timeZone and ranges): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("ranges").isArray()) {
            throw new IllegalArgumentException("not a schedule: an object with a \"ranges\" array is expected");
        }
        try {
            ZoneId zone = ZoneId.of(root.path("timeZone").asText("UTC"));
            List<Schedule.Range> ranges = new ArrayList<>();
            for (JsonNode r : root.path("ranges")) {
                EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (JsonNode d : r.path("days")) {
                    days.add(day(d.asText()));
                }
                String min = text(r, "minPlan");
                String max = text(r, "maxPlan");
                for (String plan : java.util.Arrays.asList(min, max)) {
                    if (plan != null && !plans.contains(plan)) {
                        throw new IllegalArgumentException("plan " + plan + " is not in the catalog");
                    }
                }
                ranges.add(new Schedule.Range(text(r, "name"), days.isEmpty() ? null : days,
                        r.hasNonNull("date") ? LocalDate.parse(r.get("date").asText()) : null,
                        r.hasNonNull("from") ? LocalTime.parse(r.get("from").asText()) : null,
                        r.hasNonNull("to") ? LocalTime.parse(r.get("to").asText()) : null, text(r, "cron"),
                        r.hasNonNull("durationMinutes") ? Duration.ofMinutes(r.get("durationMinutes").asLong()) : null, min, max));
            }
            return new Schedule(zone, ranges);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("a time, date or zone of the schedule cannot be read: " + e.getMessage(), e);
        }
    }

    private static DayOfWeek day(String d) {
        String u = d.toUpperCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().equals(u) || w.name().startsWith(u) && u.length() >= 3) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + d);
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asText() : null;
    }
}
