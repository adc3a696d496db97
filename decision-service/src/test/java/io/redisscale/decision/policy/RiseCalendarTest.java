package io.redisscale.decision.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiseCalendarTest {
    static final long DAY = Instant.parse("2026-11-26T00:00:00Z").getEpochSecond();
    static final double MARGIN = 100.0 / 80; // an 80% threshold

    /**
     * Two rises recorded at 03:10 (100 connections, from 200 to 300) and at 14:10 (the given one, from 500):
     * the room asked at an hour for the next 5 minutes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "at the hour of the largest rise                      | 03:30 | 10  | true  | 100",
            "an hour beside it                                    | 04:30 | 10  | true  | 100",
            "two hours away: the margin is enough                 | 05:30 | 10  | true  | 0",
            "a small rise (under a quarter, within the margin)    | 14:30 | 20  | true  | 0",
            "a quarter of the largest marks its hour              | 14:30 | 25  | true  | 100",
            "a small rise that outran the margin marks its hour   | 14:30 | 10  | false | 100",
            "under three percent of the largest is noise          | 14:30 | 2   | false | 0",
            "before a day is seen: the largest so far, any hour   | 05:30 | 10  | unlearnt | 100",
    })
    void roomComesWhereRisesCame(String name, String at, int secondRise, String learnt, int expected) {
        RiseCalendar c = new RiseCalendar();
        c.record(DAY + 3 * 3600 + 600, 0, 200, 0, 300);
        // "false": the second rise starts from a level it outruns the margin of (from 4 to 4 + rise).
        int from = "false".equals(learnt) ? 4 : 500;
        c.record(DAY + 14 * 3600 + 600, 0, from, 0, from + secondRise);
        String[] hm = at.split(":");
        Instant now = Instant.ofEpochSecond(DAY + 86_400 + Integer.parseInt(hm[0]) * 3600L + Integer.parseInt(hm[1]) * 60L);
        ScalingPolicy.Load room = c.room(now, Duration.ofMinutes(5), MARGIN, MARGIN, !"unlearnt".equals(learnt), 0, 10);
        assertEquals(expected, room.connections(), name);
        assertEquals(0, room.memory(), "memory never rose");
    }

    @org.junit.jupiter.api.Test
    void beforeADayTheMarginOverTheLatestLevelIsHeldToo() {
        RiseCalendar c = new RiseCalendar();
        c.record(DAY + 600, 100, 10, 120, 12);
        // 20 bytes and 2 connections were the largest rises; the margin over 400 bytes and 40 connections is more.
        ScalingPolicy.Load room = c.room(Instant.ofEpochSecond(DAY + 700), Duration.ofMinutes(5), MARGIN, MARGIN, false, 400, 40);
        assertEquals(new ScalingPolicy.Load(100, 10), room);
    }

    @org.junit.jupiter.api.Test
    void aKeptCalendarMergesIntoANewOneAndSaysWhenItLearntSomething() {
        RiseCalendar before = new RiseCalendar();
        before.record(DAY + 3 * 3600, 0, 200, 50, 300);
        assertTrue(before.changed());
        RiseCalendar.Snapshot kept = before.taken();
        assertFalse(before.changed(), "taken: nothing new since");
        before.record(DAY + 3 * 3600 + 60, 50, 300, 60, 310); // smaller than what that hour holds: nothing learnt
        assertFalse(before.changed());

        RiseCalendar after = new RiseCalendar();
        after.record(DAY + 9 * 3600, 0, 10, 0, 20);
        after.merge(kept);
        RiseCalendar both = new RiseCalendar();
        both.record(DAY + 3 * 3600, 0, 200, 50, 300);
        both.record(DAY + 9 * 3600, 0, 10, 0, 20);
        assertEquals(both, after, "each hour's largest of both");
    }
}
