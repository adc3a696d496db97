package io.redisscale.actuator;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Keeps the actuator's tables bounded: finished commands and their steps older than {@code actuator.keep-for} go. */
@ApplicationScoped
class CommandPurge {
    private static final Logger LOG = Logger.getLogger(CommandPurge.class);
    private final ActuatorConfig config;
    private final Clock clock;

    CommandPurge(ActuatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m")
    void scheduled() {
        purge();
    }

    /** Deletes what is older than the keep period; unfinished commands always stay. Returns the commands deleted. */
    @Transactional
    long purge() {
        Instant before = clock.instant().minus(config.keepFor());
        long steps = AttemptEntity.delete("commandId in (select c.commandId from CommandEntity c where c.state = 'done' "
                + "and c.finishedAt < ?1)", before);
        long commands = CommandEntity.delete("state = 'done' and finishedAt < ?1", before);
        if (commands > 0) {
            LOG.infof("purged %d finished commands and %d steps older than %s", commands, steps, before);
        }
        return commands;
    }
}
