package io.redisscale.notifier;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the notifier's tables bounded: finished deliveries (sent, failed, digested) and the records of
 * handled events older than {@code notifier.keep-for} go. Pending and held deliveries always stay. An
 * event older than that is not expected again, so forgetting its id cannot cause a second email.
 */
@ApplicationScoped
class Purge {
    private static final Logger LOG = Logger.getLogger(Purge.class);
    private final NotifierConfig config;
    private final Clock clock;

    Purge(NotifierConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m")
    @Transactional
    void purge() {
        Instant before = clock.instant().minus(config.keepFor());
        long deliveries = DeliveryEntity.delete("status in ('sent', 'failed', 'digested') and createdAt < ?1", before);
        long events = NotificationEntity.delete("at < ?1", before);
        if (deliveries + events > 0) {
            LOG.infof("purged %d deliveries and %d event records older than %s", deliveries, events, before);
        }
    }
}
