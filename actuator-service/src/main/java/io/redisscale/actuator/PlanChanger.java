package io.redisscale.actuator;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;

/** The seam to whatever holds the plan: Heroku, or a local Redis. */
interface PlanChanger {
    /** The provider this changer serves. */
    InstanceConfig.Provider provider();

    /**
     * Moves the instance to {@code target} (the catalog's plan the command names) and verifies it,
     * recording each call on {@code log}.
     * Returns how it ended; throws only for what it could not classify.
     */
    Result change(InstanceConfig instance, ScaleCommand command, Plan target, AttemptLog log);

    /**
     * Where the instance's Redis answers now, for the availability probe while a change runs (read before and after
     * it, so a moved endpoint or rotated credentials show); empty when it cannot be told. Never fails the change.
     */
    java.util.Optional<io.redisscale.actuator.availability.Probe.Endpoint> endpoint(InstanceConfig instance);

    record Result(Status status, ScaleOutcome.SkipReason skipReason, String detail) {
        enum Status { succeeded, failed, skipped }

        static Result succeeded(String detail) {
            return new Result(Status.succeeded, null, detail);
        }

        static Result failed(String detail) {
            return new Result(Status.failed, null, detail);
        }

        static Result skipped(ScaleOutcome.SkipReason why, String detail) {
            return new Result(Status.skipped, why, detail);
        }
    }

    /**
     * Where a changer writes each call it makes, and the command's persisted steps: each is stored before
     * the next begins, so a restarted actuator knows whether the change was sent.
     */
    interface AttemptLog {
        void record(String action, String result);

        /** Stored just before the call that changes the plan. */
        void changing();

        /** Stored once that call was acknowledged: verification begins now. */
        java.time.Instant changed();

        /** When an earlier run of this command had its change acknowledged, if it did. */
        java.util.Optional<java.time.Instant> changedAt();

        /** When the command must have ended, retries and verification included (actuator.command-deadline). */
        java.time.Instant deadline();

        /** {@code wanted}, or the command's {@link #deadline()} if that comes first: a step never outlives its command. */
        default java.time.Instant by(java.time.Instant wanted) {
            return wanted.isBefore(deadline()) ? wanted : deadline();
        }
    }
}
