package io.redisscale.actuator;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} calls at once, refilled at {@code perSecond}. Pure: a bucket's state and the time
 * come in, the state after taking one call (or the wait until one is there) goes out. {@link CallBudgets} keeps the
 * state in the database, so every actuator replica takes from the same bucket.
 */
final class TokenBucket {
    /** How many calls, at most, at once and per second. */
    record Rate(double capacity, double perSecond) {
        Rate {
            if (!(capacity >= 1) || !(perSecond > 0)) {
                throw new IllegalArgumentException("a bucket holds at least one call and refills: " + capacity + ", " + perSecond);
            }
        }

        static Rate perMinute(int calls) {
            return new Rate(calls, calls / 60.0);
        }
    }

    /** The calls left at a time. */
    record State(double tokens, Instant at) {}

    /** A call taken (the state after it), or none and how long until one is there (the state unchanged). */
    record Take(boolean granted, State state, Duration pause) {}

    private TokenBucket() {}

    /** What is left at {@code now}: refilled since the last take, never above the capacity. */
    static State refilled(State s, Rate rate, Instant now) {
        double seconds = Math.max(0, Duration.between(s.at(), now).toNanos() / 1e9); // clocks that step back refill nothing
        return new State(Math.min(rate.capacity(), s.tokens() + seconds * rate.perSecond()), now.isAfter(s.at()) ? now : s.at());
    }

    static Take take(State s, Rate rate, Instant now) {
        State r = refilled(s, rate, now);
        if (r.tokens() >= 1) {
            return new Take(true, new State(r.tokens() - 1, r.at()), Duration.ZERO);
        }
        long millis = (long) Math.ceil((1 - r.tokens()) / rate.perSecond() * 1000);
        return new Take(false, r, Duration.ofMillis(Math.max(1, millis)));
    }
}
