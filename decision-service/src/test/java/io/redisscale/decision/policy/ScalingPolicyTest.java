package io.redisscale.decision.policy;

import static io.redisscale.decision.policy.PolicyFixtures.CATALOG;
import static io.redisscale.decision.policy.PolicyFixtures.CLOCK;
import static io.redisscale.decision.policy.PolicyFixtures.NOW;
import static io.redisscale.decision.policy.PolicyFixtures.SETTINGS;
import static io.redisscale.decision.policy.PolicyFixtures.flat;
import static io.redisscale.decision.policy.PolicyFixtures.instance;
import static io.redisscale.decision.policy.PolicyFixtures.plan;
import static io.redisscale.decision.policy.PolicyFixtures.series;
import static io.redisscale.decision.policy.PolicyFixtures.withFailure;
import static io.redisscale.decision.policy.PolicyFixtures.withGap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.decision.policy.Decision.Action;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ReasonCode;
import io.redisscale.schedule.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingPolicyTest {

    record Case(String name, List<MetricSample> samples, String current, String min, String max, Instant lastChange,
                int changesToday, Action action, String target, ReasonCode code, String reasonPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Instant longAgo = NOW.minusSeconds(7200);
        return Stream.of(
                new Case("sustained memory breach jumps straight to the cheapest plan that holds it",
                        series(5, 190, 195, 200), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:500", ReasonCode.sustained_breach, "cheapest plan holding it: rediscloud:500"),
                new Case("one sample over the threshold is not sustained",
                        series(5, 84, 79, 85), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.missing_data, "samples cover less than"),
                new Case("connections alone over the threshold scale up",
                        flat(3, 220, 20), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:500", ReasonCode.sustained_breach, "connections 220"),
                new Case("a plan with unlimited connections holds any number",
                        flat(3, 5000, 100), "rediscloud:1000", "rediscloud:30", "rediscloud:5000", longAgo, 0,
                        Action.up, "rediscloud:5000", ReasonCode.sustained_breach, "rediscloud:5000"),
                new Case("a steep memory trend scales up before the threshold is crossed",
                        series(5, 40, 50, 60, 70, 78), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:250", ReasonCode.memory_trend, "memory trend"),
                new Case("at the max plan and still over: cannot scale",
                        flat(3, 5, 900), "rediscloud:1000", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.cannot_scale, "rediscloud:1000", ReasonCode.max_plan_too_small, "no plan up to the max plan"),
                new Case("nothing holds it: up to the max plan",
                        flat(3, 5, 900), "rediscloud:250", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:1000", ReasonCode.sustained_breach, "even the max plan"),
                new Case("a breach inside the up cooldown is held",
                        flat(3, 5, 95), "rediscloud:100", "rediscloud:30", "rediscloud:1000", NOW.minusSeconds(30), 0,
                        Action.hold, "rediscloud:250", ReasonCode.cooldown, "cooldown"),
                new Case("the daily budget stops a change",
                        flat(3, 5, 95), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 48,
                        Action.hold, "rediscloud:250", ReasonCode.budget_spent, "budget"),
                new Case("a long quiet window scales down to the cheapest plan under threshold minus buffer",
                        flat(61, 5, 70), "rediscloud:500", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.down, "rediscloud:100", ReasonCode.fits_cheaper_plan, "saves $42.00/month"),
                new Case("hysteresis: a step saving less than half the price keeps the buffer under the threshold",
                        flat(61, 5, 390), "rediscloud:1000", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.plan_fits, "no cheaper plan"),
                new Case("a step saving half the price or more needs only the threshold",
                        flat(61, 5, 78), "rediscloud:250", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.down, "rediscloud:100", ReasonCode.fits_cheaper_plan, "saves $15.00/month"),
                new Case("no scale-down soon after a change",
                        flat(61, 5, 20), "rediscloud:500", "rediscloud:30", "rediscloud:1000", NOW.minusSeconds(600), 0,
                        Action.hold, null, ReasonCode.cooldown, "of the last change"),
                new Case("no scale-down over a failed poll",
                        withFailure(flat(61, 5, 20), 30), "rediscloud:500", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.missing_data, "failed polls"),
                new Case("no scale-down over a gap in the samples",
                        withGap(flat(61, 5, 20), 20, 40), "rediscloud:500", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.missing_data, "gap"),
                new Case("no scale-down before the window is covered",
                        flat(10, 5, 20), "rediscloud:500", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.missing_data, "cover less"),
                new Case("never below the min plan",
                        flat(61, 5, 1), "rediscloud:250", "rediscloud:100", "rediscloud:1000", longAgo, 0,
                        Action.down, "rediscloud:100", ReasonCode.fits_cheaper_plan, "rediscloud:100"),
                new Case("a plan under the min plan is moved up to it",
                        flat(3, 1, 1), "rediscloud:30", "rediscloud:100", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:100", ReasonCode.below_min, "below the min plan"),
                new Case("a one-off step (a bulk load) is not extrapolated as if it came again",
                        levels(5, 8, 40, 75), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.hold, null, ReasonCode.missing_data, "cover less"),
                new Case("a load rising in steps again and again is expected to step once more",
                        levels(5, 6, 5, 38, 71), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:250", ReasonCode.memory_trend, "104.0 MB expected"),
                new Case("a breach scales up even when the latest poll failed",
                        withFailure(flat(4, 5, 95), 3), "rediscloud:100", "rediscloud:30", "rediscloud:1000", longAgo, 0,
                        Action.up, "rediscloud:250", ReasonCode.sustained_breach, "memory"));
    }

    /** {@code each} samples at each level (MB), 30 s apart, ending now. */
    static List<MetricSample> levels(int clients, int each, double... levelsMb) {
        double[] m = new double[each * levelsMb.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = levelsMb[i / each];
        }
        return series(clients, m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        // An instance observed for a day, with no step in it: the table is about the windows.
        DailyProfile seasoned = new DailyProfile();
        seasoned.record(PolicyFixtures.sampleAt(NOW.minusSeconds(86_400), 0, 0));
        Decision d = new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(c.samples(), instance(c.min(), c.max()),
                CATALOG, plan(c.current()), c.lastChange(), c.changesToday(), seasoned));
        assertEquals(c.action(), d.action(), d.reason());
        assertEquals(c.target(), d.target() == null ? null : d.target().name(), d.reason());
        assertEquals(c.code(), d.code(), d.reason());
        // Even the max plan over a threshold is a breach episode, whatever the latest sample alone says.
        assertTrue(c.action() != Action.cannot_scale || d.breach(), d.reason());
        assertTrue(!c.reasonPart().isBlank() && d.reason().contains(c.reasonPart()),
                () -> "reason lacks '" + c.reasonPart() + "': " + d.reason());
    }

    @org.junit.jupiter.api.Test
    void scalesUpBeforeTheRiseYesterdayBroughtAtThisTime() {
        DailyProfile profile = new DailyProfile();
        // Yesterday at this time 100 connections; a few minutes later (in the next 5-minute slot) they
        // jumped by 200: on today's 100 that is 300, over rediscloud:100's 256.
        long yesterday = NOW.getEpochSecond() - 86_400;
        long nextSlot = (Math.floorDiv(yesterday, DailyProfile.SLOT_S) + 1) * DailyProfile.SLOT_S;
        profile.record(PolicyFixtures.sampleAt(Instant.ofEpochSecond(yesterday), 100, 20));
        profile.record(PolicyFixtures.sampleAt(Instant.ofEpochSecond(nextSlot + 10), 300, 20));
        Decision d = new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(flat(3, 100, 20),
                instance("rediscloud:30", "rediscloud:1000"), CATALOG, plan("rediscloud:100"), NOW.minusSeconds(7200), 0, profile));
        assertEquals(Action.up, d.action(), d.reason());
        assertEquals("rediscloud:500", d.target().name());
        assertEquals(ReasonCode.daily_profile, d.code(), d.reason());
        assertTrue(d.reason().contains("yesterday"), d.reason());
    }

    @org.junit.jupiter.api.Test
    void aLoadFlushedSinceYesterdayIsNotExpectedBack() {
        DailyProfile profile = new DailyProfile();
        // Yesterday, from this time on and for hours, 400 MB (a bulk load, flushed since).
        for (long t = NOW.getEpochSecond() - 86_400 - 600; t < NOW.getEpochSecond() - 86_400 + 4 * 3600; t += 60) {
            profile.record(PolicyFixtures.sampleAt(Instant.ofEpochSecond(t), 5, 400));
        }
        Decision d = new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(flat(61, 5, 70),
                instance("rediscloud:30", "rediscloud:1000"), CATALOG, plan("rediscloud:1000"), NOW.minusSeconds(7200), 0, profile));
        assertEquals(Action.down, d.action(), d.reason());
        // 70 MB now and nothing added by the coming hours of yesterday (400 MB would have kept rediscloud:500).
        assertEquals("rediscloud:100", d.target().name(), d.reason());
    }

    @org.junit.jupiter.api.Test
    void goesDownOnlyWhereTheDaysLargestRiseStillFits() {
        DailyProfile profile = new DailyProfile();
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(86_400), 5, 20)); // observed for a day
        // Three hours ago memory rose 60 MB from one sample to the next.
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(3 * 3600), 5, 20));
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(3 * 3600 - 30), 5, 80));
        PolicyInput in = new PolicyInput(flat(61, 5, 70), instance("rediscloud:30", "rediscloud:1000"), CATALOG,
                plan("rediscloud:500"), NOW.minusSeconds(7200), 0, profile);
        Decision d = new ScalingPolicy(SETTINGS, CLOCK).decide(in);
        // 70 MB fits rediscloud:100 under the threshold, but not with a 60 MB rise on top.
        assertEquals(Action.down, d.action(), d.reason());
        assertEquals("rediscloud:250", d.target().name(), d.reason());
        assertTrue(d.reason().contains("room for a rise of 60.0 MB"), d.reason());
        DailyProfile day = new DailyProfile();
        day.record(PolicyFixtures.sampleAt(NOW.minusSeconds(86_400), 5, 20));
        Decision without = new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(in.samples(), in.config(), CATALOG,
                in.current(), in.lastChangeAt(), 0, day));
        assertEquals("rediscloud:100", without.target().name(), without.reason());
    }

    @org.junit.jupiter.api.Test
    void anInstanceObservedForLessThanADayHoldsItsLargestRiseSoFarAtAnyHour() {
        // 70 MB after a rise of 40 MB from one sample to the next: rediscloud:100 holds 70 under the threshold, not 110.
        Decision d = afterARise(3, "rediscloud:500");
        assertEquals("rediscloud:250", d.target().name(), d.reason());
        assertTrue(d.reason().contains("for one of 40.0 MB"), d.reason());
    }

    @org.junit.jupiter.api.Test
    void aDayOnTheRoomIsHeldOnlyInTheHoursWhereSuchRisesCame() {
        // The same rise, but a day and a half ago, twelve hours of the clock away: here the threshold's margin is enough.
        Decision d = afterARise(36, "rediscloud:500");
        assertEquals("rediscloud:100", d.target().name(), d.reason());
        // At the hour it came, a day later, the same load keeps room for it: up from rediscloud:100 before it comes.
        Decision up = afterARise(24, "rediscloud:100");
        assertEquals(Action.up, up.action(), up.reason());
        assertEquals(ReasonCode.rise_room, up.code(), up.reason());
        assertEquals("rediscloud:250", up.target().name(), up.reason());
    }

    /** A range of every day from {@code from} to {@code to} (UTC) that sets {@code min} and/or {@code max}. */
    private static Schedule daily(String from, String to, String min, String max) {
        return Schedule.of(new io.redisscale.events.PlanSchedule("UTC", List.of(new io.redisscale.events.PlanSchedule.Range("batch",
                List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), null, from, to, null, null, min, max))),
                CATALOG.stream().collect(java.util.stream.Collectors.toMap(io.redisscale.events.Plan::name, io.redisscale.events.Plan::memoryBytes)));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "-", value = {
            // a scheduled minimum is reached a change latency and a poll before it starts (12:00 now)
            "min from 12:01: up before it | rediscloud:100 | 12:01 | 13:00 | rediscloud:500 | -              | up   | rediscloud:500 | schedule",
            "min from 12:10: not yet      | rediscloud:100 | 12:10 | 13:00 | rediscloud:500 | -              | hold | -              | -",
            "never down below it          | rediscloud:500 | 11:00 | 13:00 | rediscloud:500 | -              | hold | -              | -",
            "a max holds whatever load    | rediscloud:1000| 11:00 | 13:00 | -              | rediscloud:250 | down | rediscloud:250 | schedule",
            "over: down as the load says  | rediscloud:500 | 09:00 | 11:00 | rediscloud:500 | -              | down | rediscloud:100 | fits_cheaper_plan",
    })
    void aScheduleSetsTheBoundsWhileItHolds(String name, String on, String from, String to, String min, String max, String action,
                                            String target, String code) {
        DailyProfile profile = new DailyProfile();
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(2 * 86_400), 5, 70));
        flat(61, 5, 70).forEach(profile::record);
        // 70 MB: rediscloud:100 holds it (74%), nothing cheaper does
        Decision d = new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(flat(61, 5, 70), instance("rediscloud:30", "rediscloud:1000"),
                CATALOG, plan(on), NOW.minusSeconds(7200), 0, profile, daily(from, to, min, max)));
        boolean moves = !"hold".equals(action);
        assertEquals(action, moves ? d.action().name() : "hold", name + ": " + d.reason());
        if (moves) {
            assertEquals(target, d.target().name(), d.reason());
            assertEquals(code, d.code().name(), d.reason());
        }
    }

    /** A flat 70 MB on {@code plan}, after a rise from 30 to 70 MB in one sample {@code hoursAgo} hours ago. */
    private static Decision afterARise(int hoursAgo, String plan) {
        DailyProfile profile = new DailyProfile();
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(hoursAgo * 3600L), 5, 30));
        profile.record(PolicyFixtures.sampleAt(NOW.minusSeconds(hoursAgo * 3600L - 30), 5, 70));
        flat(61, 5, 70).forEach(profile::record);
        return new ScalingPolicy(SETTINGS, CLOCK).decide(new PolicyInput(flat(61, 5, 70),
                instance("rediscloud:30", "rediscloud:1000"), CATALOG, plan(plan), NOW.minusSeconds(7200), 0, profile));
    }

    @ParameterizedTest(name = "min {0}, on {1}, {2} MB -> {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "rediscloud:100, rediscloud:100, 5,  rediscloud:30",   // a cheaper plan below the min would hold it
            "rediscloud:100, rediscloud:100, 60, ''",              // 60 MB fits nothing below rediscloud:100
            "rediscloud:30,  rediscloud:30,  5,  ''",              // nothing is cheaper than the cheapest
            "rediscloud:100, rediscloud:250, 5,  ''"})             // not on the min plan: scale-down handles it
    void findsRoomBelowTheMinPlan(String min, String current, double memoryMb, String expected) {
        List<MetricSample> window = flat(61, 1, memoryMb); // the whole 30-minute down window
        java.util.Optional<io.redisscale.events.Plan> below = new ScalingPolicy(SETTINGS, CLOCK).roomBelowMin(new PolicyInput(
                window, instance(min, "rediscloud:1000"), CATALOG, plan(current), NOW.minusSeconds(7200), 0, new DailyProfile()));
        assertEquals(expected.isEmpty() ? null : expected, below.map(io.redisscale.events.Plan::name).orElse(null));
    }
}
