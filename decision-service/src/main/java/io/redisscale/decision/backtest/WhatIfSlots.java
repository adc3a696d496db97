package io.redisscale.decision.backtest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many what-if runs go at once (DECISION_WHAT_IF_RUNS, default 2): each takes a core for seconds, and
 * the service's own judging must not wait behind a queue of them. One more is answered 429 at once.
 */
@ApplicationScoped
public class WhatIfSlots {
    private final Semaphore slots;

    WhatIfSlots(@ConfigProperty(name = "decision.what-if-runs", defaultValue = "2") int runs) {
        this.slots = new Semaphore(runs);
    }

    /** Takes a slot if one is free. */
    public boolean tryTake() {
        return slots.tryAcquire();
    }

    public void give() {
        slots.release();
    }

    /** Slots free now. */
    public int available() {
        return slots.availablePermits();
    }
}
