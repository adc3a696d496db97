package io.redisscale.collector.polling;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The instances this replica is polling: from the poll's start until its sample is stored. An instance
 * is never polled twice at once, and a replica handing instances over to another ({@link KafkaOwnership})
 * waits for their polls to be stored first, so the new owner reads the last poll and waits a period from
 * it rather than polling again at once.
 */
@ApplicationScoped
class InFlightPolls {
    private final Set<UUID> polling = ConcurrentHashMap.newKeySet();

    /** Takes the instance for a poll; false when its previous poll still runs. */
    boolean claim(UUID id) {
        return polling.add(id);
    }

    /** The instance's poll is stored (or lost): it may be polled again, and handed over. */
    void release(UUID id) {
        if (polling.remove(id)) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no instance {@code which} matches is being polled, at most {@code timeout}; whether none is. */
    synchronized boolean awaitNone(Predicate<UUID> which, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (polling.stream().anyMatch(which)) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
