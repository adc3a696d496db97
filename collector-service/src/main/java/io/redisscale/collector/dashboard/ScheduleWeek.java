package io.redisscale.collector.dashboard;

import io.redisscale.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan schedule drawn as the coming week: for each of seven days from today (in the schedule's time zone) and each
 * hour, the smallest and largest plan it sets during that hour and the ranges that set them. Pure: the schedule, the
 * plans' order and the time come in.
 */
record ScheduleWeek(String zone, List<Day> days) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    record Day(String label, List<Hour> hours) {}

    /** One hour's cell; {@code min}/{@code max} null where the schedule sets none. */
    record Hour(int hour, String min, String max, String ranges) {
        /** The cell's class: what the schedule does in this hour. */
        public String kind() {
            return min != null && max != null ? "both" : min != null ? "min" : max != null ? "max" : "none";
        }

        /** What the cell says when pointed at. */
        public String title() {
            if (min == null && max == null) {
                return String.format(Locale.ROOT, "%02d:00 nothing scheduled", hour);
            }
            return String.format(Locale.ROOT, "%02d:00 %s%s%s (%s)", hour, min == null ? "" : "at least " + min,
                    min != null && max != null ? ", " : "", max == null ? "" : "at most " + max, ranges);
        }
    }

    static ScheduleWeek of(Schedule schedule, Map<String, Long> plans, Instant now) {
        LocalDate today = now.atZone(schedule.zone()).toLocalDate();
        List<Day> days = new ArrayList<>(7);
        for (int d = 0; d < 7; d++) {
            LocalDate date = today.plusDays(d);
            ZonedDateTime midnight = date.atStartOfDay(schedule.zone());
            List<Hour> hours = new ArrayList<>(24);
            for (int h = 0; h < 24; h++) {
                // Whatever holds at any time within the hour.
                Schedule.Bounds b = schedule.bounds(midnight.plusHours(h).toInstant(), Duration.ofMinutes(59).plusSeconds(59),
                        plan -> plans.getOrDefault(plan, 0L));
                hours.add(new Hour(h, b.minPlan(), b.maxPlan(), String.join(", ", b.ranges())));
            }
            days.add(new Day(DAY.format(date), hours));
        }
        return new ScheduleWeek(schedule.zone().getId(), days);
    }
}
