package io.redisscale.actuator;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "actuator")
public interface ActuatorConfig {
    /** Global dry run (ACTUATOR_DRY_RUN): record commands, change nothing. */
    boolean dryRun();

    /** A command older than this when it arrives is skipped: the load it answered has moved on. */
    Duration maxCommandAge();

    /** How long a plan change may take to be verified. */
    Duration verifyTimeout();

    Duration verifyInterval();

    /** HEROKU_API_KEY; never logged. */
    Optional<String> herokuApiKey();

    /** How long one Heroku call is retried (5xx, no answer, 429) before the command fails. */
    Duration retryDeadline();

    /** First wait after a 5xx or a call without answer; doubles each time (with jitter) up to the longest. */
    Duration firstBackoff();

    Duration longestBackoff();

    /**
     * How long finished commands and their steps are kept (ACTUATOR_KEEP_FOR): the actions API shows them
     * this long. Longer than the command age limit, so a redelivered old command is still known or stale.
     */
    @io.smallrye.config.WithDefault("30d")
    Duration keepFor();

    /**
     * How long an instance's lease outlives its holder's last renewal (ACTUATOR_LEASE_TTL): after a holder
     * dies or stalls this long, another actuator may take the instance over (Leases).
     */
    @io.smallrye.config.WithDefault("60s")
    Duration leaseTtl();

    /** How often a holder renews its leases, and how often a waiting actuator tries again. */
    @io.smallrye.config.WithDefault("10s")
    Duration leaseHeartbeat();

    /**
     * The longest a command may run, calls, retries and verification included (ACTUATOR_COMMAND_DEADLINE):
     * kept under the consumer's {@code max.poll.interval} (checked at start), so its partition does not
     * move to another actuator while it runs.
     */
    @io.smallrye.config.WithDefault("13m")
    Duration commandDeadline();

    /** How long a command waits for its instance to appear on the instances topic's replica. */
    @io.smallrye.config.WithDefault("10s")
    Duration instanceWait();

    /**
     * How often the instance's Redis is probed while a change runs (ACTUATOR_PROBE_PERIOD): each probe (a connection
     * and a PING, timed out at 80% of the period) stands for one period of availability.
     */
    @io.smallrye.config.WithDefault("1s")
    Duration probePeriod();

    /**
     * Redis Cloud API calls a minute per account key, shared by every replica (ACTUATOR_REDISCLOUD_CALLS_PER_MINUTE,
     * {@link CallBudgets}): Redis Cloud allows about 400; the rest is left to the account's own tools.
     */
    @io.smallrye.config.WithDefault("300")
    int rediscloudCallsPerMinute();

    /**
     * Where the ElastiCache API is reached (ACTUATOR_ELASTICACHE_ENDPOINT): unset, AWS's endpoint of the instance's
     * region; set, a stand-in or LocalStack.
     */
    Optional<String> elasticacheEndpoint();

    /** How long one ElastiCache call may take before it counts as unanswered (ACTUATOR_ELASTICACHE_CALL_TIMEOUT). */
    @io.smallrye.config.WithDefault("30s")
    Duration elasticacheCallTimeout();
}
