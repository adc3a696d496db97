package io.redisscale.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in its tests: the system's, unless a test sets it (a replay on simulated time,
 * {@link LoopParityIT}), which it clears when done. Replaces the runtime's default clock bean.
 */
public class SettableClock extends Clock {
    static final SettableClock INSTANCE = new SettableClock();
    private volatile Instant fixed;

    void set(Instant at) {
        fixed = at;
    }

    void clear() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @ApplicationScoped
    static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return INSTANCE;
        }
    }
}
