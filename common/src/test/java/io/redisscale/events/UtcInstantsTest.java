package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-11-27T15:46:10Z", "2026-11-27T15:46:10.061Z", "2026-11-27T15:46:10.1Z",
            "2026-11-27T15:46:10.123456Z", "2026-11-27T15:46:10.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
            "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void readsWhatInstantParseReads(String text) {
        assertEquals(Instant.parse(text), UtcInstants.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-11-27T15:46:10+01:00", "2026-11-27T16:46:10.5+01:00", "2026-11-27t15:46:10z",
            "+12026-11-27T15:46:10Z", "2026-11-27T15:46:60Z", "2026-11-27 15:46:10Z"})
    void leavesEveryOtherFormToTheFormatter(String text) {
        assertNull(UtcInstants.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T15:46:10.Z",
            "2026-11-27T15:46:10.1234567890Z", "2026-1x-27T15:46:10Z", "2026-11-27T15:46:10", ""})
    void leavesImpossibleTextToTheFormattersError(String text) {
        assertNull(UtcInstants.parse(text));
    }

    @Test
    void anEventReadsTheSameEitherWay() {
        UUID id = UUID.randomUUID();
        String fast = "{\"eventId\":\"" + id + "\",\"instanceId\":\"" + id + "\",\"kind\":\"unreachable\",\"plan\":\"p\",\"detail\":\"d\","
                + "\"at\":\"2026-11-27T15:46:10.061Z\"}";
        assertEquals(Instant.parse("2026-11-27T15:46:10.061Z"), Events.read(fast, Alert.class).at());
        // An offset is no form of ours, still read as the JavaTimeModule reads it.
        assertEquals(Instant.parse("2026-11-27T15:46:10.061Z"), Events.read(fast.replace("15:46:10.061Z", "16:46:10.061+01:00"), Alert.class).at());
        assertThrows(IllegalArgumentException.class, () -> Events.read(fast.replace("15:46:10.061Z", "15:46:99Z"), Alert.class));
    }
}
