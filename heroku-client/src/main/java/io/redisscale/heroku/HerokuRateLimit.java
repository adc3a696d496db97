package io.redisscale.heroku;

/**
 * Heroku's rate limit: a pool of calls per account that refills continuously, told in every answer's
 * {@code RateLimit-Remaining}.
 */
public final class HerokuRateLimit {
    /** The pool's size, and how many calls it refills in an hour. */
    public static final int HOURLY_POOL = 4500;
    /** The refill: about 75 calls a minute. */
    public static final double REFILL_PER_SECOND = HOURLY_POOL / 3600.0;

    private HerokuRateLimit() {}
}
