package io.redisscale.actuator;

import io.quarkus.test.Mock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tests' {@link Sleeper}: records every pause the actuator asks for and waits at most
 * {@link #CAP}, so a 429's pool wait or a long backoff is checked by its length, not waited out.
 */
@Mock
class RecordingSleeper extends Sleeper {
    static final Duration CAP = Duration.ofMillis(100);
    private final List<Duration> pauses = new ArrayList<>();

    @Override
    void sleep(Duration d) {
        synchronized (pauses) {
            pauses.add(d);
        }
        super.sleep(d.compareTo(CAP) > 0 ? CAP : d);
    }

    List<Duration> pauses() {
        synchronized (pauses) {
            return List.copyOf(pauses);
        }
    }

    void clear() {
        synchronized (pauses) {
            pauses.clear();
        }
    }
}
