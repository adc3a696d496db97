package io.redisscale.actuator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Waiting between calls, behind a seam so tests need not wait. */
@ApplicationScoped
class Sleeper {
    void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
