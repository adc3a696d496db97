package io.redisscale.decision.policy;

import static io.redisscale.decision.policy.PolicyFixtures.CATALOG;
import static io.redisscale.decision.policy.PolicyFixtures.ID;
import static io.redisscale.decision.policy.PolicyFixtures.NOW;
import static io.redisscale.decision.policy.PolicyFixtures.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The loop's bookkeeping: alert episodes, a command under way and its timeout, outcomes. No server. */
class InstanceLoopTest {
    private final InstanceLoop loop = new InstanceLoop(SETTINGS);
    private final InstanceLoop.State state = new InstanceLoop.State();
    private final List<MetricSample> window = new ArrayList<>();
    private final DailyProfile profile = new DailyProfile();
    private Instant at = NOW;

    /** One sample every 30 s on {@code plan}; returns what the loop made of it. */
    private InstanceLoop.Step feed(InstanceConfig instance, String plan, double memoryMb) {
        at = at.plusSeconds(30);
        Plan current = PolicyFixtures.plan(plan);
        MetricSample s = new MetricSample(UUID.randomUUID(), ID, at, MetricSample.Status.ok, null, (long) (memoryMb * 1_000_000), 2,
                plan, current.memoryBytes(), current.maxConnections(), null, null, 0L, 0L);
        window.add(s);
        window.removeIf(w -> w.at().isBefore(at.minus(InstanceLoop.windowKeep(SETTINGS))));
        profile.record(s);
        return loop.onSample(state, s, () -> new PolicyInput(List.copyOf(window), instance, CATALOG, current, state.lastChangeAt, 0,
                profile), new ScalingPolicy(SETTINGS, Clock.fixed(at, ZoneOffset.UTC)), at);
    }

    /** Scaling off, so the plan stays and every sample is judged: the alerts of a memory series. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                       | plan            | min             | max             | memory MB, one sample per 30 s    | alerts raised, in order
            // scaling off: each breach is also a would-scale episode, told when it starts and when it ends
            "breach opens and closes once | rediscloud:100  | rediscloud:30   | rediscloud:1000 | 50 50 90 90 90 90 50 50 90 50     | threshold_breached would_scale back_to_normal would_scale_ended threshold_breached would_scale back_to_normal would_scale_ended",
            "at max once per episode      | rediscloud:100  | rediscloud:30   | rediscloud:100  | 50 90 90 90 90 90 90 50 50        | threshold_breached at_max_plan back_to_normal",
            "at min once per episode      | rediscloud:250  | rediscloud:250  | rediscloud:1000 | 5*70                              | at_min_plan",
            "quiet load raises nothing    | rediscloud:100  | rediscloud:30   | rediscloud:1000 | 50*10                             | ''"})
    void alertsOncePerEpisode(String name, String plan, String min, String max, String memory, String expected) {
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance(min, max)).plan(plan).scalingEnabled(false).build();
        List<String> raised = new ArrayList<>();
        for (double mb : series(memory)) {
            feed(instance, plan, mb).alerts().forEach(a -> raised.add(a.kind().name()));
        }
        assertEquals(expected.isBlank() ? List.of() : List.of(expected.split(" ")), raised, name);
    }

    /**
     * The first breach alert says what breached, not the decision's own reason: on a first sample that
     * reason is about the window being too short to scale down, which a user took for the breach's cause.
     */
    @Test
    void aBreachAlertSaysWhatBreached() {
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance("rediscloud:30", "rediscloud:1000"))
                .plan("rediscloud:100").scalingEnabled(false).build();
        InstanceLoop.Step step = feed(instance, "rediscloud:100", 90);
        // On a first day a sample over the threshold is also a would-be scale-up (RiseCalendar): the breach comes first.
        assertEquals(List.of(Alert.Kind.threshold_breached, Alert.Kind.would_scale), step.alerts().stream().map(a -> a.kind()).toList());
        String detail = step.alerts().get(0).detail();
        assertTrue(detail.startsWith("memory 90.0 MB is 90.0% of rediscloud:100 (threshold 80%)"), detail);
        assertFalse(detail.contains(step.decision().reason()), "not the decision's reason: " + step.decision().reason());
    }

    /**
     * A dry run reads like a real episode: one would_scale when the policy starts asking for a move (with the
     * move), none while it keeps asking, one would_scale_ended when it stops; not one per judged sample.
     */
    @Test
    void aDryRunEpisodeIsToldOnceWhenItStartsAndOnceWhenItEnds() {
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance("rediscloud:30", "rediscloud:1000"))
                .plan("rediscloud:100").dryRun(true).build();
        List<InstanceLoop.Raise> raised = new ArrayList<>();
        for (double mb : series("50 90 90 90 90 90 90 90 90 90 90 90 50 50")) {
            raised.addAll(feed(instance, "rediscloud:100", mb).alerts());
        }
        List<InstanceLoop.Raise> wouldScale = raised.stream()
                .filter(a -> a.kind() == Alert.Kind.would_scale || a.kind() == Alert.Kind.would_scale_ended).toList();
        assertEquals(List.of(Alert.Kind.would_scale, Alert.Kind.would_scale_ended), wouldScale.stream().map(InstanceLoop.Raise::kind).toList());
        assertTrue(wouldScale.get(0).detail().startsWith("would move from rediscloud:100 to rediscloud:"), wouldScale.get(0).detail());
        assertTrue(wouldScale.get(0).detail().contains("(dry run: no command sent)"), wouldScale.get(0).detail());
    }

    /** "50 60" or "5*70" (seventy samples of 5 MB). */
    private static double[] series(String s) {
        if (s.contains("*")) {
            double[] out = new double[Integer.parseInt(s.split("\\*")[1])];
            Arrays.fill(out, Double.parseDouble(s.split("\\*")[0]));
            return out;
        }
        return Arrays.stream(s.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void aSentCommandHoldsDecisionsUntilASampleOnItsPlanEvenAfterItsOutcome() {
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance("rediscloud:30", "rediscloud:1000")).plan("rediscloud:30").build();
        InstanceLoop.Step step = null;
        for (int i = 0; i < 4 && (step == null || !step.command()); i++) {
            step = feed(instance, "rediscloud:30", 28);
        }
        assertTrue(step.command(), "a sustained breach of rediscloud:30 sends a command");
        UUID command = UUID.randomUUID();
        loop.sent(state, command, step.decision().target().name(), at);
        assertSame(InstanceLoop.Step.WAITING, feed(instance, "rediscloud:30", 28));
        loop.onOutcome(state, command, ScaleOutcome.Status.succeeded, at.plusSeconds(5));
        // A sample taken on the old plan, arriving after the outcome, asks for nothing.
        assertSame(InstanceLoop.Step.WAITING, feed(instance, "rediscloud:30", 28));
        assertEquals(at.minusSeconds(25), state.lastChangeAt);
        InstanceLoop.Step onNew = feed(instance, step.decision().target().name(), 28);
        assertEquals(Decision.Action.hold, onNew.decision().action(), onNew.decision().reason());
        assertNull(state.pendingCommandId);
    }

    @Test
    void aFailedOutcomeOrThePendingTimeoutLetsDecisionsResume() {
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance("rediscloud:30", "rediscloud:1000")).plan("rediscloud:30").build();
        UUID failed = UUID.randomUUID();
        loop.sent(state, failed, "rediscloud:100", at);
        assertSame(InstanceLoop.Step.WAITING, feed(instance, "rediscloud:30", 10));
        loop.onOutcome(state, UUID.randomUUID(), ScaleOutcome.Status.failed, at); // another command's: no effect
        assertSame(InstanceLoop.Step.WAITING, feed(instance, "rediscloud:30", 10));
        loop.onOutcome(state, failed, ScaleOutcome.Status.failed, at);
        assertFalse(feed(instance, "rediscloud:30", 10) == InstanceLoop.Step.WAITING, "judged again after a failure");
        assertNull(state.lastChangeAt, "a failed change is no change");

        loop.sent(state, UUID.randomUUID(), "rediscloud:100", at); // never answered
        assertSame(InstanceLoop.Step.WAITING, feed(instance, "rediscloud:30", 10));
        at = at.plus(SETTINGS.pendingTimeout());
        assertFalse(feed(instance, "rediscloud:30", 10) == InstanceLoop.Step.WAITING, "judged again after the pending timeout");
    }

    @Test
    void missingDataIsAlertedOncePerEpisode() {
        Duration after = Duration.ofMinutes(10);
        InstanceConfig instance = io.redisscale.events.InstanceConfigBuilder.builder(PolicyFixtures.instance("rediscloud:30", "rediscloud:1000")).plan("rediscloud:100").build();
        feed(instance, "rediscloud:100", 50);
        Instant lastGood = at;
        assertTrue(loop.missingData(state, "rediscloud:100", after, lastGood.plus(Duration.ofMinutes(5))).isEmpty());
        InstanceLoop.Raise r = loop.missingData(state, "rediscloud:100", after, lastGood.plus(Duration.ofMinutes(11))).orElseThrow();
        assertEquals(Alert.Kind.data_missing, r.kind());
        assertTrue(r.detail().contains(lastGood.toString()), r.detail());
        assertTrue(loop.missingData(state, "rediscloud:100", after, lastGood.plus(Duration.ofMinutes(30))).isEmpty(), "once");
        at = lastGood.plus(Duration.ofMinutes(40));
        feed(instance, "rediscloud:100", 50); // data back: the episode is over
        assertTrue(loop.missingData(state, "rediscloud:100", after, at.plus(Duration.ofMinutes(11))).isPresent(), "a new episode");
    }

    @Test
    void theDailyBudgetCountsTheCommandsOfTheLast24Hours() {
        loop.sent(state, UUID.randomUUID(), "rediscloud:100", NOW);
        loop.sent(state, UUID.randomUUID(), "rediscloud:250", NOW.plus(Duration.ofHours(6)));
        assertEquals(2, state.changesInDay(NOW.plus(Duration.ofHours(12))));
        assertEquals(1, state.changesInDay(NOW.plus(Duration.ofHours(24))), "a command exactly a day old no longer counts");
        assertEquals(1, state.recentChanges.size(), "and is forgotten");
        assertEquals(0, state.changesInDay(NOW.plus(Duration.ofHours(31))));
    }
}
