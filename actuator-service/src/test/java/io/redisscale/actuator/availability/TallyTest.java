package io.redisscale.actuator.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.events.Availability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TallyTest {
    static final Probe.Endpoint START = new Probe.Endpoint("redis://:pw@10.0.0.1:6379", false);

    /** Probes as a string: a number is an answer in ms, a word a failure of that class. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "steady               | 1 2 3 4                      | 4  | 0 | 0.0 | 0.0 | ''                   | 2.0 | 4.0 | 4.0",
            "one outage           | 1 refused refused timeout 2  | 5  | 3 | 3.0 | 3.0 | refused=2,timeout=1  | 1.0 | 2.0 | 2.0",
            "two outages          | refused 1 timeout timeout 1  | 5  | 3 | 3.0 | 2.0 | refused=1,timeout=2  | 1.0 | 1.0 | 1.0",
            "nothing answered     | dns dns                      | 2  | 2 | 2.0 | 2.0 | dns=2                | 0.0 | 0.0 | 0.0",
    })
    void addsUpTheProbes(String name, String probes, int count, int failed, double unreachable, double longest, String errors,
                         double p50, double p99, double max) {
        Tally t = new Tally(Duration.ofSeconds(1));
        for (String p : probes.split(" ")) {
            t.add(p.matches("\\d+") ? Probe.Result.answered(Long.parseLong(p) * 1000) : Probe.Result.failed(p));
        }
        Availability a = t.availability(START, START);
        assertEquals(count, a.probes());
        assertEquals(failed, a.failedProbes());
        assertEquals(unreachable, a.unreachableSeconds());
        assertEquals(longest, a.longestOutageSeconds());
        assertEquals(errors.isEmpty() ? Map.of() : java.util.Arrays.stream(errors.split(",")).map(e -> e.split("="))
                .collect(java.util.stream.Collectors.toMap(e -> e[0], e -> Integer.parseInt(e[1]))), a.errors());
        assertEquals(p50, a.latencyP50Ms());
        assertEquals(p99, a.latencyP99Ms());
        assertEquals(max, a.latencyMaxMs());
    }

    @ParameterizedTest(name = "{0} -> endpoint {1}, credentials {2}")
    @CsvSource({
            "redis://:pw@10.0.0.1:6379,    false, false",
            "redis://:other@10.0.0.1:6379, false, true",
            "redis://:pw@10.0.0.2:6379,    true,  false",
            "redis://:pw@10.0.0.1:6380,    true,  false"})
    void tellsAMovedEndpointAndRotatedCredentials(String end, boolean moved, boolean rotated) {
        Tally t = new Tally(Duration.ofSeconds(1));
        t.add(Probe.Result.answered(1000));
        Availability a = t.availability(START, new Probe.Endpoint(end, false));
        assertEquals(moved, a.endpointChanged());
        assertEquals(rotated, a.credentialsChanged());
        assertEquals(List.of(), List.copyOf(a.errors().keySet()));
    }

    @org.junit.jupiter.api.Test
    void anEndpointNeverShowsItsPassword() {
        assertEquals("Endpoint[10.0.0.1:6379]", START.toString());
    }
}
