package io.redisscale.collector.polling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightPollsTest {
    private final InFlightPolls polls = new InFlightPolls();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void anInstanceIsPolledOnceAtATime() {
        assertTrue(polls.claim(a));
        assertFalse(polls.claim(a), "its previous poll still runs");
        polls.release(a);
        assertTrue(polls.claim(a));
    }

    @Test
    void aHandoverWaitsOnlyForTheInstancesHandedOver() throws Exception {
        polls.claim(a);
        polls.claim(b);
        assertFalse(polls.awaitNone(b::equals, Duration.ZERO), "b still runs");
        polls.release(b);
        assertTrue(polls.awaitNone(b::equals, Duration.ZERO), "b is stored: no wait, though a still runs");
        assertFalse(polls.awaitNone(a::equals, Duration.ofMillis(50)), "a never stored: the wait gives up");
    }

    @Test
    void aHandoverGoesOnOnceTheRunningPollIsStored() throws Exception {
        polls.claim(a);
        CompletableFuture<Boolean> handover = CompletableFuture.supplyAsync(() -> {
            try {
                return polls.awaitNone(a::equals, Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(handover.isDone(), "waits while the poll runs");
        polls.release(a);
        assertTrue(handover.get(30, TimeUnit.SECONDS), "released by the store, not by the timeout");
    }
}
