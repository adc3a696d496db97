package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBucketTest {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    /** 60 calls a minute: one a second, 60 at once. */
    static final TokenBucket.Rate RATE = TokenBucket.Rate.perMinute(60);

    @ParameterizedTest(name = "{0} tokens, {1} ms later: granted {2}, {3} left, pause {4} ms")
    @CsvSource({
            // tokens, ms since, granted, left, pause ms
            "60,    0,     true,  59,   0",   // full: one taken
            "1,     0,     true,  0,    0",   // the last one
            "0,     0,     false, 0,    1000",// empty: a second until the next
            "0.5,   0,     false, 0.5,  500", // half a call refilled already
            "0,     250,   false, 0.25, 750", // refilling
            "0,     1000,  true,  0,    0",   // refilled one in a second
            "10,    5000,  true,  14,   0",   // five more in five seconds
            "59,    60000, true,  59,   0",   // never above the capacity
            "5,     -3000, true,  4,    0"})  // a clock that steps back refills nothing
    void oneCallIsTakenOrTheWaitForItIsTold(double tokens, long since, boolean granted, double left, long pause) {
        TokenBucket.Take t = TokenBucket.take(new TokenBucket.State(tokens, T0), RATE, T0.plusMillis(since));
        assertEquals(granted, t.granted());
        assertEquals(left, t.state().tokens(), 1e-9);
        assertEquals(Duration.ofMillis(pause), t.pause());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0.5, 1", "1, 0", "1, -1"})
    void aBucketHoldsACallAndRefills(double capacity, double perSecond) {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket.Rate(capacity, perSecond));
    }
}
