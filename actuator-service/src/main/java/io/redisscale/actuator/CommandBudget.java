package io.redisscale.actuator;

import java.time.Duration;
import java.util.Optional;

/**
 * A command must end before the commands consumer's {@code max.poll.interval}: past it, Kafka moves the
 * partition to another actuator, which takes the same command up (its lease then makes it wait, but the
 * first one's offset can no longer be committed). Checked at start, so a setting that breaks it fails
 * fast, with the numbers.
 */
final class CommandBudget {
    static final String MAX_POLL_INTERVAL = "mp.messaging.incoming.commands-in.max.poll.interval.ms";
    /** Kafka's own default when the setting is absent. */
    private static final long KAFKA_DEFAULT_MS = 300_000;

    private CommandBudget() {}

    static void check(ActuatorConfig config, Optional<Long> maxPollIntervalMs) {
        check(config.commandDeadline(), config.instanceWait(), config.leaseTtl(), Duration.ofMillis(maxPollIntervalMs.orElse(KAFKA_DEFAULT_MS)));
    }

    /**
     * The longest a command can hold its partition (its deadline, the waits for its instance and catalog
     * before it starts, a dead holder's lease) must be shorter than {@code pollInterval}.
     */
    static void check(Duration deadline, Duration instanceWait, Duration leaseTtl, Duration pollInterval) {
        Duration longest = deadline.plus(instanceWait.multipliedBy(2)).plus(leaseTtl);
        if (longest.compareTo(pollInterval) >= 0) {
            throw new IllegalStateException("a command may hold its partition " + longest.toSeconds() + " s (ACTUATOR_COMMAND_DEADLINE "
                    + deadline.toSeconds() + " s, two waits of " + instanceWait.toSeconds() + " s for its instance and plans, a lease of "
                    + leaseTtl.toSeconds() + " s), not under the consumer's max.poll.interval of " + pollInterval.toSeconds()
                    + " s: shorten the deadline or raise " + MAX_POLL_INTERVAL);
        }
    }
}
