package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisTargetsTest {
    /** Names as a DNS would answer them here: no lookup leaves the test. */
    private static final Map<String, String> DNS = Map.of("cache.example.com", "203.0.113.7", "internal.example.com", "10.1.2.3",
            "rebind.example.com", "169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.getOrDefault(host, host);
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    @ParameterizedTest(name = "{0} allow [{1}]: {2}")
    @CsvSource(delimiter = '|', value = {
            "redis://cache.example.com:6379          |                    | allowed",
            "rediss://:pw@203.0.113.7:6380           |                    | allowed",
            "redis://10.0.0.5:6379                   |                    | refused",
            "redis://172.20.1.1:6379                 |                    | refused",
            "redis://192.168.1.10:6379               |                    | refused",
            "redis://127.0.0.1:6379                  |                    | refused",
            "redis://169.254.169.254:6379            |                    | refused",
            "redis://100.64.0.1:6379                 |                    | refused",
            "redis://0.0.0.0:6379                    |                    | refused",
            "redis://[::1]:6379                      |                    | refused",
            "redis://[fd00::1]:6379                  |                    | refused",
            "redis://internal.example.com:6379       |                    | refused",
            "redis://rebind.example.com:6379         |                    | refused",
            "redis://127.0.0.1:6379                  | 127.0.0.0/8        | allowed",
            "redis://10.0.0.5:6379                   | 10.0.0.0/24        | allowed",
            "redis://10.0.1.5:6379                   | 10.0.0.0/24        | refused",
            "redis://internal.example.com:6379       | internal.example.com | allowed",
            "redis://[fd00::1]:6379                  | fd00::/8           | allowed",
            "redis://nowhere.invalid:6379            |                    | allowed"})
    void privateTargetsNeedTheAllowList(String url, String allow, String expected) {
        RedisTargets targets = new RedisTargets(true, allow == null ? List.of() : List.of(allow), RedisTargetsTest::resolve);
        assertEquals(expected, targets.refusal(url).isPresent() ? "refused" : "allowed", targets.refusal(url).orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"redis://cache.example.com:6379", "redis://127.0.0.1:6379"})
    void theLocalProviderIsOffUnlessTurnedOn(String url) {
        RedisTargets off = new RedisTargets(false, List.of("127.0.0.0/8"), RedisTargetsTest::resolve);
        assertTrue(off.refusal(url).orElseThrow().contains("AUTOSCALER_LOCAL_PROVIDER"));
    }
}
