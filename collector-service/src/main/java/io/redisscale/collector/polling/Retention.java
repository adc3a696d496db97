package io.redisscale.collector.polling;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.savings.Ledger;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Purges samples older than N_RETENTION_DAYS; the savings ledger keeps their daily peaks. */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private final CollectorConfig config;
    private final Clock clock;

    Retention(CollectorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${collector.retention-interval:1h}", delayed = "1m")
    void scheduled() {
        purge();
    }

    /**
     * Purges old samples, their daily peaks folded into the savings ledger first; and the ledger's own rows
     * older than it is kept ({@link CollectorConfig#ledgerKeepDays}).
     */
    @Transactional
    public long purge() {
        java.time.Instant now = clock.instant();
        long deleted = Ledger.purgeBefore(now.minus(Duration.ofDays(config.retentionDays())));
        if (deleted > 0) {
            LOG.infof("purged %d samples older than %d days", deleted, config.retentionDays());
        }
        long ledger = Ledger.purgeLedgerBefore(now.minus(Duration.ofDays(config.ledgerKeepDays())));
        if (ledger > 0) {
            LOG.infof("purged %d savings ledger rows older than %d days", ledger, config.ledgerKeepDays());
        }
        return deleted;
    }
}
