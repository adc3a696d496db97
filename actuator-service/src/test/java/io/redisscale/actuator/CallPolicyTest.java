package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final CallPolicy policy = new CallPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0.999999;
        }
    });

    @ParameterizedTest(name = "{0} (remaining {1}, attempt {2}, deadline +{3}s) -> {4} {5} ms: {6}")
    @CsvSource({
            "200, -1,   1, 300, PROCEED, 0,     ok",
            "204, -1,   1, 300, PROCEED, 0,     ok",
            "401, -1,   1, 300, FAIL,    0,     HEROKU_API_KEY",
            "403, -1,   1, 300, FAIL,    0,     suspended",
            "402, -1,   1, 300, FAIL,    0,     billing",
            "404, -1,   1, 300, FAIL,    0,     gone",
            "422, -1,   1, 300, FAIL,    0,     refused the plan",
            "409, -1,   1, 300, FAIL,    0,     answered 409",
            "503, -1,   1, 300, RETRY,   999,   Heroku answered 503",
            "503, -1,   2, 300, RETRY,   1999,  attempt 2",
            "500, -1,   5, 300, RETRY,   15999, attempt 5",
            "502, -1,   9, 300, RETRY,   29999, attempt 9",
            "0,   -1,   1, 300, RETRY,   999,   no answer",
            "503, -1,   6, 10,  FAIL,    0,     past the retry deadline",
            "429, 0,    1, 300, RETRY,   8000,  rate limit",
            "429, 9,    1, 300, RETRY,   800,   9 calls left",
            "429, 9,    2, 300, RETRY,   1600,  rate limit",
            "429, 0,    3, 20,  FAIL,    0,     past the retry deadline"})
    void judgesEachAnswer(int status, int remaining, int attempt, int deadlineSeconds, CallPolicy.Action action,
                          long pauseMs, String reasonPart) {
        CallPolicy.Verdict v = policy.judge(status, remaining, "id: message", attempt, NOW, NOW.plusSeconds(deadlineSeconds));
        assertEquals(action, v.action(), v.reason());
        assertEquals(pauseMs, v.pause().toMillis(), v.reason());
        assertTrue(v.reason().contains(reasonPart), v.reason());
    }

    /** Redis Cloud's calls: keys and requests refused at once with what to do; 429 waits for the per-key allowance. */
    @ParameterizedTest(name = "Redis Cloud {0} (attempt {1}, deadline +{2}s) -> {3} {4} ms: {5}")
    @CsvSource({
            "200, 1, 300, PROCEED, 0,    ok",
            "202, 1, 300, PROCEED, 0,    ok",
            "401, 1, 300, FAIL,    0,    refused the API keys",
            "403, 1, 300, FAIL,    0,    Owner or Manager",
            "404, 1, 300, FAIL,    0,    subscription is gone",
            "400, 1, 300, FAIL,    0,    refused the change (400)",
            "409, 1, 300, FAIL,    0,    refused the change (409)",
            "418, 1, 300, FAIL,    0,    answered 418",
            "429, 1, 300, RETRY,   1500, rate limit reached (429)",
            "429, 2, 300, RETRY,   3000, attempt 2",
            "503, 1, 300, RETRY,   999,  Redis Cloud answered 503",
            "0,   1, 300, RETRY,   999,  no answer from Redis Cloud",
            "503, 3, 1,   FAIL,    0,    past the retry deadline"})
    void judgesRedisCloudAnswers(int status, int attempt, int deadlineSeconds, CallPolicy.Action action, long pauseMs, String reason) {
        CallPolicy.Verdict v = policy.judgeRedisCloud(status, "the API's words", attempt, NOW, NOW.plusSeconds(deadlineSeconds));
        assertEquals(action, v.action(), v.reason());
        assertEquals(pauseMs, v.pause().toMillis(), v.reason());
        assertTrue(v.reason().contains(reason), v.reason());
    }

    /** ElastiCache's modification, tried once by the SDK: throttling, 5xx and no answer again later; errors AWS names fail. */
    @ParameterizedTest(name = "AWS {0} {1} (attempt {2}, deadline +{3}s) -> {4}: {5}")
    @CsvSource({
            "200, '',                               1, 300, PROCEED, ok",
            "400, Throttling,                       1, 300, RETRY,   AWS answered 400 Throttling",
            "400, RequestLimitExceeded,             2, 300, RETRY,   attempt 2",
            "503, ServiceUnavailable,               1, 300, RETRY,   AWS answered 503",
            "0,   '',                               1, 300, RETRY,   no answer from AWS",
            "400, InvalidParameterCombination,      1, 300, FAIL,    refused the change (InvalidParameterCombination)",
            "400, InsufficientCacheClusterCapacity, 1, 300, FAIL,    InsufficientCacheClusterCapacity",
            "503, ServiceUnavailable,               3, 1,   FAIL,    past the retry deadline"})
    void judgesAwsAnswers(int status, String code, int attempt, int deadlineSeconds, CallPolicy.Action action, String reason) {
        CallPolicy.Verdict v = policy.judgeAws(status, code, "AWS's words", attempt, NOW, NOW.plusSeconds(deadlineSeconds));
        assertEquals(action, v.action(), v.reason());
        assertTrue(v.reason().contains(reason), v.reason());
    }
}
