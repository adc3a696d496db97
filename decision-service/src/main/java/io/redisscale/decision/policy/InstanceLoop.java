package io.redisscale.decision.policy;

import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One instance's decision loop around {@link ScalingPolicy}: the command under way and its timeout, the
 * last change, and the alert episodes (breach, at max, at min, data missing). Pure: no Quarkus, Kafka
 * or JPA. The decision service feeds it samples and outcomes and stores what it returns; the backtester
 * feeds it a trace. Both run this very loop.
 */
public final class InstanceLoop {
    /** What the loop carries from one sample to the next (the service stores it per instance). */
    public static final class State {
        public UUID pendingCommandId;
        public String pendingTarget;
        public Instant pendingSince;
        public Instant lastChangeAt;
        public Instant lastGoodSampleAt;
        public boolean breachOpen;
        public boolean atMaxOpen;
        public boolean atMinOpen;
        public boolean dataMissingOpen;
        /** The plan an open would-scale episode (dry run, scaling off) would move to; null when none is open. */
        public String wouldScaleTarget;
        /** When the commands of the last day were sent, oldest first: what the daily change budget counts. */
        public final java.util.ArrayDeque<Instant> recentChanges = new java.util.ArrayDeque<>();

        /** Commands sent in the 24 hours before {@code now}; older ones are forgotten. */
        public int changesInDay(Instant now) {
            Instant since = now.minus(DAY);
            while (!recentChanges.isEmpty() && !recentChanges.peekFirst().isAfter(since)) {
                recentChanges.removeFirst();
            }
            return recentChanges.size();
        }
    }

    private static final Duration DAY = Duration.ofHours(24);

    /** An alert to raise: its kind, the plan at the time, and the sentence after the instance's name. */
    public record Raise(Alert.Kind kind, String plan, String detail) {}

    /**
     * What one sample led to.
     *
     * @param decision what the policy decided; null while a change is under way (nothing was judged)
     * @param command  a command is to be sent for the decision (it changes the plan, scaling is on, not a dry run)
     * @param alerts   the episode alerts to raise, in order
     */
    public record Step(Decision decision, boolean command, List<Raise> alerts) {
        static final Step WAITING = new Step(null, false, List.of());
    }

    private final PolicySettings settings;

    public InstanceLoop(PolicySettings settings) {
        this.settings = settings;
    }

    /** How far back an instance's window must reach for every rule: the longer window and a gap. */
    public static Duration windowKeep(PolicySettings s) {
        Duration longer = s.downWindow().compareTo(s.upWindow()) >= 0 ? s.downWindow() : s.upWindow();
        return longer.plus(s.maxGap());
    }

    /**
     * Judges the latest sample (the last of the window {@code inputs} gives, asked for only when judged)
     * with {@code policy}, unless a change is under way. The state is updated; a command to send is then recorded with {@link #sent}.
     */
    public Step onSample(State state, MetricSample sample, java.util.function.Supplier<PolicyInput> inputs, ScalingPolicy policy,
                  Instant now) {
        if (sample.ok()) {
            state.lastGoodSampleAt = sample.at();
            state.dataMissingOpen = false;
        }
        if (waitingForChange(state, sample, now)) {
            return Step.WAITING;
        }
        PolicyInput input = inputs.get();
        Decision d = policy.decide(input);
        InstanceConfig instance = input.config();
        Plan current = input.current();
        List<Raise> alerts = new ArrayList<>();
        if (d.breach() && !state.breachOpen) {
            state.breachOpen = true;
            // The email says what breached; the decision's own reason may be about another stage (a hold, a wait).
            alerts.add(new Raise(Alert.Kind.threshold_breached, current.name(), ScalingPolicy.breachReason(input)
                    + (d.changesPlan() ? "; moving to " + d.target().name() : "")));
        } else if (!d.breach() && state.breachOpen) {
            state.breachOpen = false;
            alerts.add(new Raise(Alert.Kind.back_to_normal, current.name(), "load back under the thresholds on " + current.name()));
        }
        boolean atMax = d.action() == Decision.Action.cannot_scale;
        if (atMax && !state.atMaxOpen) {
            alerts.add(new Raise(Alert.Kind.at_max_plan, current.name(), d.reason()));
        }
        state.atMaxOpen = atMax;
        Optional<Plan> below = d.action() == Decision.Action.hold && !d.breach() ? policy.roomBelowMin(input) : Optional.empty();
        if (below.isPresent() && !state.atMinOpen) {
            alerts.add(new Raise(Alert.Kind.at_min_plan, current.name(), String.format(Locale.ROOT,
                    "on the min plan %s ($%.2f/month) while %s ($%.2f/month) would hold the last %d minutes' peak; "
                    + "lower the min plan to let the autoscaler save the difference", current.name(), current.priceMonthUsd(),
                    below.get().name(), below.get().priceMonthUsd(), settings.downWindow().toMinutes())));
        }
        state.atMinOpen = below.isPresent();
        boolean acts = d.changesPlan() && instance.scalingEnabled() && !instance.dryRun();
        // Dry run and scaling off read like a real episode: one message when the policy starts asking for a move,
        // one when it stops, not one per judged sample.
        boolean wouldAct = d.changesPlan() && !acts;
        if (wouldAct && state.wouldScaleTarget == null) {
            state.wouldScaleTarget = d.target().name();
            alerts.add(new Raise(Alert.Kind.would_scale, current.name(), "would move from " + current.name() + " to "
                    + d.target().name() + " (" + (instance.dryRun() ? "dry run" : "scaling disabled") + ": no command sent): " + d.reason()));
        } else if (!wouldAct && state.wouldScaleTarget != null) {
            alerts.add(new Raise(Alert.Kind.would_scale_ended, current.name(), "no longer would move from " + current.name()
                    + " to " + state.wouldScaleTarget + ": " + d.reason()));
            state.wouldScaleTarget = null;
        }
        return new Step(d, acts, alerts);
    }

    /** A command was sent: decisions wait for it. */
    public void sent(State state, UUID commandId, String target, Instant now) {
        state.pendingCommandId = commandId;
        state.pendingTarget = target;
        state.pendingSince = now;
        state.recentChanges.addLast(now);
    }

    /**
     * A command's outcome. Succeeded: the change counts from its end, and decisions still wait for a
     * sample on the new plan, since samples taken on the old plan (held up by a broker outage, or polled
     * before the collector heard of the change) may come after the outcome and would ask for the same
     * change again. Otherwise the plan did not change and decisions resume.
     */
    public void onOutcome(State state, UUID commandId, ScaleOutcome.Status status, Instant finishedAt) {
        if (!commandId.equals(state.pendingCommandId)) {
            return;
        }
        if (status == ScaleOutcome.Status.succeeded) {
            state.lastChangeAt = finishedAt;
            return;
        }
        clearPending(state);
    }

    /** A data_missing alert when the last good sample is older than {@code after}, once per episode. */
    public Optional<Raise> missingData(State state, String plan, Duration after, Instant now) {
        if (state.dataMissingOpen || state.lastGoodSampleAt == null || !state.lastGoodSampleAt.isBefore(now.minus(after))) {
            return Optional.empty();
        }
        state.dataMissingOpen = true;
        return Optional.of(new Raise(Alert.Kind.data_missing, plan, "no good sample since " + state.lastGoodSampleAt
                + " (over " + after.toMinutes() + " min); no scale-down until data is back"));
    }

    /** While a command is out, decisions wait for a sample on its plan, or for the pending timeout. */
    private boolean waitingForChange(State state, MetricSample sample, Instant now) {
        if (state.pendingCommandId == null) {
            return false;
        }
        if (sample.plan().equals(state.pendingTarget) || state.pendingSince.plus(settings.pendingTimeout()).isBefore(now)) {
            clearPending(state);
            return false;
        }
        return true;
    }

    private static void clearPending(State state) {
        state.pendingCommandId = null;
        state.pendingTarget = null;
        state.pendingSince = null;
    }
}
