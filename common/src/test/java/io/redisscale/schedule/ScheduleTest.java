package io.redisscale.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.events.PlanSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
    static final Map<String, Long> SIZE = Map.of("small", 1L, "medium", 2L, "large", 3L);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Office hours on weekdays at least medium; a nightly batch at 02:00 for 90 minutes at least large; a quiet Sunday at most small; launch day large. */
    static final Schedule SCHEDULE = Schedule.of(new PlanSchedule("Europe/Berlin", List.of(
            new PlanSchedule.Range("office", List.of("MON", "TUE", "WED", "THU", "FRI"), null, "08:00", "18:00", null, null, "medium", null),
            new PlanSchedule.Range("batch", null, null, null, null, "0 2 * * *", 90, "large", null),
            new PlanSchedule.Range("sunday", List.of("SUN"), null, "10:00", "22:00", null, null, null, "small"),
            new PlanSchedule.Range("launch", null, "2026-12-10", "20:00", "02:00", null, null, "large", null))), SIZE);

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
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "no bound          | MON | -          | 08:00 | 18:00 | -         | -     | -      | -     | ranges[0]                 | neither a minimum nor a maximum",
            "no when           | -   | -          | -     | -     | -         | -     | small  | -     | ranges[0]                 | exactly one of",
            "days and cron     | MON | -          | 08:00 | 18:00 | 0 2 * * * | 60    | small  | -     | ranges[0]                 | exactly one of",
            "same times        | MON | -          | 08:00 | 08:00 | -         | -     | small  | -     | ranges[0].to              | must differ",
            "no from           | MON | -          | -     | 08:00 | -         | -     | small  | -     | ranges[0].from            | is required",
            "bad time          | MON | -          | 8am   | 18:00 | -         | -     | small  | -     | ranges[0].from            | HH:MM",
            "hour 24           | MON | -          | 24:00 | 18:00 | -         | -     | small  | -     | ranges[0].from            | HH:MM",
            "bad day           | Mo  | -          | 08:00 | 18:00 | -         | -     | small  | -     | ranges[0].days            | MON, TUE",
            "bad date          | -   | 2026-13-01 | 08:00 | 18:00 | -         | -     | small  | -     | ranges[0].date            | YYYY-MM-DD",
            "date and duration | -   | 2026-12-01 | 08:00 | 18:00 | -         | 30    | small  | -     | ranges[0].durationMinutes | goes with cron",
            "bad cron          | -   | -          | -     | -     | 0 2 * *   | 60    | small  | -     | ranges[0].cron            | not a cron expression",
            "cron no duration  | -   | -          | -     | -     | 0 2 * * * | -     | small  | -     | ranges[0].durationMinutes | needs durationMinutes",
            "cron over a week  | -   | -          | -     | -     | 0 2 * * * | 10081 | small  | -     | ranges[0].durationMinutes | needs durationMinutes",
            "cron with from    | -   | -          | 08:00 | -     | 0 2 * * * | 60    | small  | -     | ranges[0].from            | goes with days",
            "unknown plan      | MON | -          | 08:00 | 18:00 | -         | -     | huge   | -     | ranges[0].minPlan         | unknown plan 'huge'",
            "min over max      | MON | -          | 08:00 | 18:00 | -         | -     | large  | small | ranges[0].minPlan         | above its maxPlan",
    })
    void refusesARangeThatCannotHoldNamingItsField(String name, String day, String date, String from, String to, String cron,
                                                   Integer minutes, String min, String max, String field, String why) {
        PlanSchedule.Range r = new PlanSchedule.Range(name, day == null ? null : List.of(day), date, from, to, cron, minutes, min, max);
        Schedule.Invalid e = assertThrows(Schedule.Invalid.class, () -> Schedule.of(new PlanSchedule("UTC", List.of(r)), SIZE));
        assertTrue(e.refusals().stream().anyMatch(f -> f.field().equals(field) && f.message().contains(why)), e.getMessage());
    }

    @Test
    void refusesEverythingWrongAtOnceAndBoundsItsSize() {
        PlanSchedule bad = new PlanSchedule("Mars/Olympus", List.of(
                new PlanSchedule.Range("a", List.of("MON"), null, "08:00", "18:00", null, null, "small", null),
                new PlanSchedule.Range("b", null, null, null, null, "bad", 10, "small", null)));
        Schedule.Invalid e = assertThrows(Schedule.Invalid.class, () -> Schedule.of(bad, SIZE));
        assertEquals(List.of("timeZone", "ranges[1].cron"), e.refusals().stream().map(Schedule.Refusal::field).toList());

        PlanSchedule.Range one = new PlanSchedule.Range(null, List.of("MON"), null, "08:00", "18:00", null, null, "small", null);
        PlanSchedule many = new PlanSchedule("UTC", java.util.Collections.nCopies(Schedule.MAX_RANGES + 1, one));
        assertEquals("ranges", assertThrows(Schedule.Invalid.class, () -> Schedule.of(many, SIZE)).refusals().get(0).field());
    }

    @Test
    void readsItsJsonAndRefusesUnknownFields() {
        Schedule s = Schedule.fromJson("{\"timeZone\":\"Europe/Berlin\",\"ranges\":[{\"name\":\"office\",\"days\":[\"MON\"],"
                + "\"from\":\"08:00\",\"to\":\"18:00\",\"minPlan\":\"medium\"}]}", SIZE);
        assertEquals(BERLIN, s.zone());
        assertEquals(List.of("medium"), s.plans());
        Schedule.Invalid e = assertThrows(Schedule.Invalid.class, () -> Schedule.fromJson("{\"ranges\":[{\"day\":[\"MON\"]}]}", SIZE));
        assertTrue(e.getMessage().contains("not a schedule"), e.getMessage());
        assertTrue(Schedule.of(null, SIZE).isEmpty());
    }
}
