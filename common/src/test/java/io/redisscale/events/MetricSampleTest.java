package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricSampleTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a good sample now                     | ok          | 0     | 1000 | 3    | ''",
            "59 s ahead: within the clock skew      | ok          | 59    | 1000 | 3    | ''",
            "an hour ahead                          | ok          | 3600  | 1000 | 3    | in the future",
            "ok without memory                      | ok          | 0     |      | 3    | ok without its readings",
            "ok without connections                 | ok          | 0     | 1000 |      | ok without its readings",
            "a failed poll has no readings, rightly | unreachable | 0     |      |      | ''"})
    void tellsAnUnusableSample(String name, MetricSample.Status status, long aheadSeconds, Long memory, Integer clients,
                               String defect) {
        MetricSample s = new MetricSample(UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(aheadSeconds), status,
                null, memory, clients, "rediscloud:30", 30_000_000L, 30, null, null, null, null);
        assertEquals(defect, s.defect(NOW).map(d -> d.replaceAll(".*(in the future)", "$1")).orElse(""));
    }
}
