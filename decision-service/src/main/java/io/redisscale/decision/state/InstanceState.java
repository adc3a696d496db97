package io.redisscale.decision.state;

import io.redisscale.decision.policy.InstanceLoop;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An instance's loop state as stored (a row of {@code instance_state}): the last change and the day's
 * changes, a command in flight, the open alert episodes, and the row's version. Read and written by {@link InstanceStates}.
 */
public final class InstanceState {
    /** The stored last good sample may be this much older than the real one. */
    public static final java.time.Duration LAST_GOOD_GRAIN = java.time.Duration.ofMinutes(2);
    public UUID instanceId;
    public Instant lastChangeAt;
    public UUID pendingCommandId;
    public String pendingTarget;
    public Instant pendingSince;
    public boolean breachOpen;
    public boolean atMaxOpen;
    public boolean atMinOpen;
    public Instant lastGoodSampleAt;
    public boolean dataMissingOpen;
    public String wouldScaleTarget;
    /** When the commands of the last day were sent, oldest first. */
    public java.util.List<Instant> recentChanges = java.util.List.of();
    /** Bumped by every write: an update on an older version finds no row. */
    public long version;

    InstanceState() {
    }

    InstanceState(UUID instanceId) {
        this.instanceId = instanceId;
    }

    /** The loop's state, read from this row. */
    public InstanceLoop.State toLoop() {
        InstanceLoop.State s = new InstanceLoop.State();
        s.pendingCommandId = pendingCommandId;
        s.pendingTarget = pendingTarget;
        s.pendingSince = pendingSince;
        s.lastChangeAt = lastChangeAt;
        s.lastGoodSampleAt = lastGoodSampleAt;
        s.breachOpen = breachOpen;
        s.atMaxOpen = atMaxOpen;
        s.atMinOpen = atMinOpen;
        s.dataMissingOpen = dataMissingOpen;
        s.wouldScaleTarget = wouldScaleTarget;
        s.recentChanges.addAll(recentChanges);
        return s;
    }

    /** Writes the loop's state into this row; true when a stored column changed (the row is to be written). */
    public boolean apply(InstanceLoop.State s) {
        java.util.List<Instant> recent = java.util.List.copyOf(s.recentChanges);
        boolean changed = !Objects.equals(pendingCommandId, s.pendingCommandId) || !Objects.equals(pendingTarget, s.pendingTarget)
                || !Objects.equals(pendingSince, s.pendingSince) || !Objects.equals(lastChangeAt, s.lastChangeAt)
                || breachOpen != s.breachOpen || atMaxOpen != s.atMaxOpen || atMinOpen != s.atMinOpen
                || dataMissingOpen != s.dataMissingOpen || !Objects.equals(wouldScaleTarget, s.wouldScaleTarget)
                || !recentChanges.equals(recent);
        pendingCommandId = s.pendingCommandId;
        pendingTarget = s.pendingTarget;
        pendingSince = s.pendingSince;
        lastChangeAt = s.lastChangeAt;
        // Stored at most once a LAST_GOOD_GRAIN (and when a data-missing episode ends): it feeds only the
        // missing-data check and the purge, which count in minutes, and an update on every sample was the
        // largest part of a batch's database work. (Before dataMissingOpen below takes the new value.)
        if (lastGoodSampleAt == null || s.lastGoodSampleAt == null || dataMissingOpen && !s.dataMissingOpen
                || !s.lastGoodSampleAt.isBefore(lastGoodSampleAt.plus(LAST_GOOD_GRAIN))) {
            changed |= !Objects.equals(lastGoodSampleAt, s.lastGoodSampleAt);
            lastGoodSampleAt = s.lastGoodSampleAt;
        }
        breachOpen = s.breachOpen;
        atMaxOpen = s.atMaxOpen;
        atMinOpen = s.atMinOpen;
        dataMissingOpen = s.dataMissingOpen;
        wouldScaleTarget = s.wouldScaleTarget;
        recentChanges = recent;
        return changed;
    }
}
