package io.redisscale.collector.heroku;

import io.redisscale.heroku.HerokuRateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Keeps the collector inside Heroku's 4,500 calls an hour per account, which it shares with the
 * actuator and the user's own tools. It follows {@code RateLimit-Remaining} from every answer, pauses
 * every call after a 429 (backing off longer on each one in a row), and leaves background plan reads
 * for last: they wait while the account's pool is under a floor, so scale changes keep their calls.
 */
final class HerokuBudget {
    enum Use {
        /** A user waiting on the API: spend unless Heroku said stop. */
        REGISTRATION,
        /** Reading a Redis URL that failed: needed to poll at all. */
        URL,
        /** Background check of the add-on's plan: only with room to spare. */
        PLAN_REFRESH
    }

    private final Clock clock;
    private final int backgroundFloor;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private int remaining = HerokuRateLimit.HOURLY_POOL;
    private Instant remainingAt = Instant.MIN;
    private Duration backoff = Duration.ZERO;
    private Instant pausedUntil = Instant.MIN;

    HerokuBudget(Clock clock, int backgroundFloor, Duration firstBackoff, Duration maxBackoff) {
        this.clock = clock;
        this.backgroundFloor = backgroundFloor;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    synchronized boolean mayCall(Use use) {
        if (clock.instant().isBefore(pausedUntil)) {
            return false;
        }
        return use != Use.PLAN_REFRESH || remaining() >= backgroundFloor;
    }

    /** Learns from an answer: its status and the {@code RateLimit-Remaining} header when there was one. */
    synchronized void answered(int status, OptionalInt rateLimitRemaining) {
        Instant now = clock.instant();
        rateLimitRemaining.ifPresent(r -> {
            remaining = r;
            remainingAt = now;
        });
        if (status == 429) {
            backoff = backoff.isZero() ? firstBackoff : min(backoff.multipliedBy(2), maxBackoff);
            pausedUntil = now.plus(backoff);
            remaining = 0;
            remainingAt = now;
        } else {
            backoff = Duration.ZERO;
        }
    }

    synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    /** The account's calls left as last reported, plus what Heroku has given back since. */
    synchronized int remaining() {
        if (remainingAt.equals(Instant.MIN)) {
            return remaining;
        }
        double seconds = Duration.between(remainingAt, clock.instant()).toMillis() / 1000.0;
        return (int) Math.min(HerokuRateLimit.HOURLY_POOL, remaining + Math.floor(seconds * HerokuRateLimit.REFILL_PER_SECOND));
    }

    /**
     * How often each of {@code instances} add-ons can be read so that the reads use at most
     * {@code hourlyCalls}: never more often than {@code wanted}.
     */
    static Duration refreshInterval(int instances, Duration wanted, int hourlyCalls) {
        Duration spread = Duration.ofMillis((long) Math.ceil(3_600_000.0 * instances / Math.max(1, hourlyCalls)));
        return spread.compareTo(wanted) > 0 ? spread : wanted;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
