package io.redisscale.collector.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PollScheduler#nextSlot}: the rate never drifts, and two polls are never less than a period apart but for a tick. */
class PollSlotsTest {
    static final Instant SLOT = Instant.parse("2026-12-02T13:03:01.005Z");

    @ParameterizedTest(name = "started {0} ms after its slot, phase {1} ms: next slot {2} ms after the slot")
    @CsvSource({
            // on time: a period after the planned slot, whatever the tick's own delay
            "0,     0,   5000",
            "10,    0,   5000",
            "1000,  0,   5000",
            // a first poll's successors shifted by the instance's phase
            "0,     420, 5420",
            // handed over 3 s overdue (the CI failure: polls at :04.0 and :06.0 of a 5 s rate): a new row from now
            "3010,  0,   8010",
            // overdue by more than a period: also a period from now, never at once
            "12000, 0,   17000",
    })
    void nextSlot(long lateMillis, long phaseMillis, long expectedMillis) {
        Instant now = SLOT.plusMillis(lateMillis);
        Instant next = PollScheduler.nextSlot(SLOT, now, 5, phaseMillis);
        assertEquals(SLOT.plusMillis(expectedMillis), next);
        assertTrue(Duration.between(now, next).compareTo(Duration.ofSeconds(5).minus(PollScheduler.ON_TIME)) >= 0,
                "the next poll comes at least a period less a tick after this one");
    }
}
