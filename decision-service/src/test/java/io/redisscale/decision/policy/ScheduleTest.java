package io.redisscale.decision.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
    static final Map<String, Long> SIZE = Map.of("small", 1L, "medium", 2L, "large", 3L);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Office hours on weekdays at least medium; a nightly batch at 02:00 for 90 minutes at least large; a quiet Sunday at most small; launch day large. */
    static final Schedule SCHEDULE = new Schedule(BERLIN, List.of(
            new Schedule.Range("office", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), null, LocalTime.of(8, 0), LocalTime.of(18, 0),
                    null, null, "medium", null),
            new Schedule.Range("batch", null, null, null, null, "0 2 * * *", Duration.ofMinutes(90), "large", null),
            new Schedule.Range("sunday", EnumSet.of(DayOfWeek.SUNDAY), null, LocalTime.of(10, 0), LocalTime.of(22, 0), null, null,
                    null, "small"),
            new Schedule.Range("launch", null, LocalDate.of(2026, 12, 10), LocalTime.of(20, 0), LocalTime.of(2, 0), null, null,
                    "large", null)));

    @ParameterizedTest(name = "{0} (Berlin), lead {1} min -> min {2}, max {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "2026-12-07T09:00 | 0  | medium | -     | office",
            "2026-12-07T07:57 | 5  | medium | -     | office",        // reached before it starts
            "2026-12-07T07:50 | 5  | -      | -     | ''",            // not yet
            "2026-12-07T18:00 | 0  | -      | -     | ''",            // over at 18:00
            "2026-12-08T02:30 | 0  | large  | -     | batch",         // the cron range, 02:00 + 90 min
            "2026-12-08T03:31 | 0  | -      | -     | ''",
            "2026-12-08T01:58 | 2  | large  | -     | batch",
            "2026-12-13T12:00 | 0  | -      | small | sunday",
            "2026-12-10T23:30 | 0  | large  | -     | launch",        // a one-off date, past midnight
            "2026-12-11T01:00 | 0  | large  | -     | launch",
            "2026-12-11T02:30 | 0  | large  | -     | batch",
            "2026-12-11T09:00 | 0  | medium | -     | office",
    })
    void holdsWhereItSays(String local, int leadMinutes, String min, String max, String ranges) {
        Instant at = java.time.LocalDateTime.parse(local).atZone(BERLIN).toInstant();
        Schedule.Bounds b = SCHEDULE.bounds(at, Duration.ofMinutes(leadMinutes), SIZE::get);
        assertEquals(min, b.minPlan());
        assertEquals(max, b.maxPlan());
        assertEquals(ranges.isEmpty() ? List.of() : List.of(ranges.split(" ")), b.ranges());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no bound          | MON | 08:00 | 18:00 | -         | -     | -     | neither a minimum nor a maximum",
            "no when           | -   | -     | -     | -         | -     | small | exactly one of",
            "same times        | MON | 08:00 | 08:00 | -         | -     | small | different times of day",
            "bad cron          | -   | -     | -     | 0 2 * *   | 60    | small | not a cron expression",
            "cron no duration  | -   | -     | -     | 0 2 * * * | -     | small | a duration",
    })
    void refusesARangeThatCannotHoldSayingWhy(String name, String day, String from, String to, String cron, String minutes, String min,
                                               String why) {
        Schedule.Range r = new Schedule.Range(name, "-".equals(day) ? null : EnumSet.of(DayOfWeek.MONDAY), null,
                "-".equals(from) ? null : LocalTime.parse(from), "-".equals(to) ? null : LocalTime.parse(to),
                "-".equals(cron) ? null : cron, "-".equals(minutes) ? null : Duration.ofMinutes(Long.parseLong(minutes)),
                "-".equals(min) ? null : min, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Schedule(BERLIN, List.of(r)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
