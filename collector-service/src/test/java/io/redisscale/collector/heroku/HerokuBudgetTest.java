package io.redisscale.collector.heroku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HerokuBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private static HerokuBudget at(Instant now) {
        return new HerokuBudget(Clock.fixed(now, ZoneOffset.UTC), 900, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    @ParameterizedTest(name = "remaining {0}: registration {1}, url {2}, refresh {3}")
    @CsvSource({
            "4500, true, true, true",
            "900,  true, true, true",
            "899,  true, true, false",
            "1,    true, true, false"})
    void backgroundReadsLeaveTheFloorToScaleChanges(int remaining, boolean registration, boolean url, boolean refresh) {
        HerokuBudget budget = at(T0);
        budget.answered(200, OptionalInt.of(remaining));
        assertEquals(registration, budget.mayCall(HerokuBudget.Use.REGISTRATION));
        assertEquals(url, budget.mayCall(HerokuBudget.Use.URL));
        assertEquals(refresh, budget.mayCall(HerokuBudget.Use.PLAN_REFRESH));
    }

    @Test
    void a429PausesEveryCallAndEachOneInARowDoublesThePause() {
        HerokuBudget budget = at(T0);
        budget.answered(429, OptionalInt.of(0));
        assertFalse(budget.mayCall(HerokuBudget.Use.REGISTRATION));
        assertEquals(T0.plusSeconds(60), budget.pausedUntil());
        budget.answered(429, OptionalInt.empty());
        assertEquals(T0.plusSeconds(120), budget.pausedUntil());
        for (int i = 0; i < 10; i++) {
            budget.answered(429, OptionalInt.empty());
        }
        assertEquals(T0.plusSeconds(600), budget.pausedUntil(), "capped");
    }

    @Test
    void callsResumeAfterThePauseAndASuccessResetsTheBackoff() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        HerokuBudget budget = new HerokuBudget(clock, 900, Duration.ofSeconds(60), Duration.ofMinutes(10));
        budget.answered(429, OptionalInt.of(0));
        budget.answered(429, OptionalInt.of(0));
        now[0] = T0.plusSeconds(121);
        assertTrue(budget.mayCall(HerokuBudget.Use.URL));
        budget.answered(200, OptionalInt.of(75));
        assertFalse(budget.mayCall(HerokuBudget.Use.PLAN_REFRESH), "75 left is under the floor");
        now[0] = now[0].plusSeconds(660); // 825 calls come back in 11 minutes
        assertEquals(900, budget.remaining());
        assertTrue(budget.mayCall(HerokuBudget.Use.PLAN_REFRESH));
        budget.answered(429, OptionalInt.empty());
        assertEquals(T0.plusSeconds(841), budget.pausedUntil(), "back to the first pause after a success");
    }

    @ParameterizedTest(name = "{0} instances, wanted {1} min, {2} calls/h -> {3} s")
    @CsvSource({
            "10,   15, 1800, 900",
            "450,  15, 1800, 900",
            "451,  15, 1800, 902",
            "1800, 15, 1800, 3600",
            "3600, 5,  1800, 7200"})
    void spreadsPlanReadsOverTheHourlyShare(int instances, int wantedMinutes, int hourly, long seconds) {
        assertEquals(seconds, HerokuBudget.refreshInterval(instances, Duration.ofMinutes(wantedMinutes), hourly).toSeconds());
    }
}
