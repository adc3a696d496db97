package io.redisscale.collector.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FileLimitTest {
    static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override public Instant instant() {
            return now;
        }
    }

    @Test
    void everySkipIsCountedAndLoggedAtMostOnceAMinute() {
        Ticking clock = new Ticking();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FileLimit limit = new FileLimit(clock, meters);

        assertTrue(limit.skipped(), "the first one is logged");
        assertFalse(limit.skipped());
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertFalse(limit.skipped(), "not again within the minute");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertTrue(limit.skipped(), "a minute on, again");

        assertEquals(4.0, meters.get("autoscaler.polls.skipped").tag("reason", "file_limit").counter().count());
    }
}
