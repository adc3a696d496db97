package io.redisscale.collector.savings;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the savings ledger current on a schedule rather than per view: folds the new samples into the daily
 * peaks every {@code COLLECTOR_LEDGER_INTERVAL} (the one writer, under the watermark row's lock), and holds the
 * fleet's savings this month for the fleet page, worked out at most once an interval however often it is shown.
 */
@ApplicationScoped
public class LedgerFolder {
    private record Held(Instant at, SavingsResource.Report report) {}

    private final SavingsResource savings;
    private final Clock clock;
    private final Duration interval;
    private volatile Held month;

    LedgerFolder(SavingsResource savings, Clock clock, io.redisscale.collector.CollectorConfig config) {
        this.savings = savings;
        this.clock = clock;
        this.interval = config.ledgerInterval();
    }

    @Scheduled(every = "${collector.ledger-interval:1m}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        fold();
    }

    /** Folds the samples since the last fold into the ledger. */
    @Transactional
    public void fold() {
        Ledger.fold(clock.instant());
    }

    /** The fleet's savings this month, as of at most one interval ago. */
    public SavingsResource.Report month() {
        Held held = month;
        Instant now = clock.instant();
        if (held == null || !held.at().plus(interval).isAfter(now)
                || !held.report().from().equals(SavingsResource.monthStart(now))) {
            held = new Held(now, savings.savings(null, null, "month", null));
            month = held;
        }
        return held.report();
    }
}
