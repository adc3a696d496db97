package io.redisscale.actuator;

import io.redisscale.heroku.HerokuRateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What to do after a Heroku call: go on, give up with Heroku's message, or wait and try again. Pure:
 * the answer, the attempt number, the time and the deadline come in, a {@link Verdict} with its
 * reason goes out.
 */
final class CallPolicy {
    enum Action { PROCEED, FAIL, RETRY }

    record Verdict(Action action, Duration pause, String reason) {}

    /** Calls a command may still need (reads while verifying): what a 429 waits to have back. */
    static final int CALLS_WANTED = 10;

    private final Duration firstBackoff;
    private final Duration longestBackoff;
    private final RandomGenerator random;

    CallPolicy(Duration firstBackoff, Duration longestBackoff, RandomGenerator random) {
        this.firstBackoff = firstBackoff;
        this.longestBackoff = longestBackoff;
        this.random = random;
    }

    /**
     * @param status          HTTP status, or 0 when no answer came (network error, timeout)
     * @param rateLimitRemaining the {@code RateLimit-Remaining} header, or -1 when absent
     * @param attempt         1 for the first try of this call
     */
    Verdict judge(int status, int rateLimitRemaining, String herokuMessage, int attempt, Instant now, Instant deadline) {
        if (status >= 200 && status < 300) {
            return new Verdict(Action.PROCEED, Duration.ZERO, "ok");
        }
        String permanent = switch (status) {
            case 401 -> "the Heroku API key is not valid (401): " + herokuMessage + ". Set a valid HEROKU_API_KEY.";
            case 403 -> "the Heroku API key may not change this add-on (403): " + herokuMessage
                    + ". Check the key's access to the app, or whether the account is suspended.";
            case 402 -> "the Heroku account must pay first (402): " + herokuMessage
                    + ". Settle the account's billing; no plan can change until then.";
            case 404 -> "the app or the add-on is gone (404): " + herokuMessage + ". Update or delete the registration.";
            case 422 -> "Heroku refused the plan (422): " + herokuMessage
                    + ". The plan may not be allowed for this add-on; check min and max plan.";
            default -> null;
        };
        if (permanent != null) {
            return new Verdict(Action.FAIL, Duration.ZERO, permanent);
        }
        if (status == 429) {
            // Wait for enough of the pool to come back for the rest of the command, longer each time.
            return retry(rateLimited(CALLS_WANTED - Math.max(0, rateLimitRemaining), HerokuRateLimit.REFILL_PER_SECOND, attempt),
                    "rate limit reached (429, " + Math.max(0, rateLimitRemaining) + " calls left)", herokuMessage, attempt, now, deadline);
        }
        if (status == 0 || status >= 500) {
            return retry(jittered(attempt), status == 0 ? "no answer from Heroku" : "Heroku answered " + status, herokuMessage,
                    attempt, now, deadline);
        }
        return new Verdict(Action.FAIL, Duration.ZERO, "Heroku answered " + status + ": " + herokuMessage);
    }

    /** Redis Cloud's allowance: about 400 calls a minute per account key. */
    static final double REDIS_CLOUD_PER_SECOND = 400 / 60.0;

    /**
     * The same judgement for a Redis Cloud call: its keys refused (401, 403), the subscription gone (404) or the
     * request refused (400, 409, 422) fail at once with the API's words; 429 waits for the per-key allowance to come
     * back, longer each time; 5xx and no answer back off with jitter; all within the deadline.
     */
    Verdict judgeRedisCloud(int status, String message, int attempt, Instant now, Instant deadline) {
        if (status >= 200 && status < 300) {
            return new Verdict(Action.PROCEED, Duration.ZERO, "ok");
        }
        String permanent = switch (status) {
            case 401 -> "Redis Cloud refused the API keys (401): " + message + ". Register the instance again with valid keys.";
            case 403 -> "the Redis Cloud keys may not change this subscription (403): " + message
                    + ". Use a user key with the Owner or Manager role, and allow this address in the API's CIDR list.";
            case 404 -> "the Redis Cloud subscription is gone (404): " + message + ". Update or delete the registration.";
            case 400, 409, 422 -> "Redis Cloud refused the change (" + status + "): " + message;
            default -> null;
        };
        if (permanent != null) {
            return new Verdict(Action.FAIL, Duration.ZERO, permanent);
        }
        if (status == 429) {
            return retry(rateLimited(CALLS_WANTED, REDIS_CLOUD_PER_SECOND, attempt), "rate limit reached (429)", message, attempt, now, deadline);
        }
        if (status == 0 || status >= 500) {
            return retry(jittered(attempt), status == 0 ? "no answer from Redis Cloud" : "Redis Cloud answered " + status, message,
                    attempt, now, deadline);
        }
        return new Verdict(Action.FAIL, Duration.ZERO, "Redis Cloud answered " + status + ": " + message);
    }

    /** AWS's error codes for a request refused for its rate: sent again later, not failed. */
    static final java.util.Set<String> AWS_THROTTLING = java.util.Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");

    /**
     * The judgement for an AWS call the SDK tried once: throttling and 5xx (or no answer, status 0) are tried again
     * with jitter within the deadline; any other error AWS names (InvalidParameterCombination,
     * InsufficientCacheClusterCapacity, ...) fails at once with its code and words.
     */
    Verdict judgeAws(int status, String code, String message, int attempt, Instant now, Instant deadline) {
        if (status >= 200 && status < 300) {
            return new Verdict(Action.PROCEED, Duration.ZERO, "ok");
        }
        if (status == 0 || status >= 500 || AWS_THROTTLING.contains(code)) {
            String why = status == 0 ? "no answer from AWS" : "AWS answered " + status + (code.isEmpty() ? "" : " " + code);
            return retry(jittered(attempt), why, message, attempt, now, deadline);
        }
        return new Verdict(Action.FAIL, Duration.ZERO, "ElastiCache refused the change (" + code + "): " + message);
    }

    /** Waits {@code wait} and tries again, unless that passes the deadline. */
    private static Verdict retry(Duration wait, String why, String message, int attempt, Instant now, Instant deadline) {
        if (now.plus(wait).isAfter(deadline)) {
            return new Verdict(Action.FAIL, Duration.ZERO, why + "; still failing after " + attempt
                    + " attempts, past the retry deadline: " + message);
        }
        return new Verdict(Action.RETRY, wait, why + "; attempt " + attempt + " failed, next in " + wait.toMillis() + " ms");
    }

    /** Long enough for {@code calls} to come back at {@code perSecond}, doubling with each attempt (up to 16 times). */
    private static Duration rateLimited(int calls, double perSecond, int attempt) {
        double seconds = Math.max(1, calls) / perSecond;
        return Duration.ofMillis((long) (seconds * 1000 * (1L << Math.min(attempt - 1, 4))));
    }

    /** Exponential backoff with full jitter between half and all of the step. */
    private Duration jittered(int attempt) {
        long step = Math.min(longestBackoff.toMillis(), firstBackoff.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(step / 2 + (long) (random.nextDouble() * (step - step / 2)));
    }
}
