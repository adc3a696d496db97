package io.redisscale.collector.savings;

import io.redisscale.collector.registry.InstanceEntity;
import io.quarkus.scheduler.Scheduled;
import io.redisscale.events.SavingsReport;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Once a UTC month has ended, its savings ledger goes out as one {@link SavingsReport} on
 * {@link Topics#REPORTS}; the notifier emails it to those who opted in (SAVINGS_REPORT_TO). The
 * {@code savings_report} row, written in the same transaction as the outbox record, makes it once.
 */
@ApplicationScoped
public class MonthlyReport {
    private final SavingsResource savings;
    private final Outbox outbox;
    private final Clock clock;

    MonthlyReport(SavingsResource savings, Outbox outbox, Clock clock) {
        this.savings = savings;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${savings-report.check:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        publishDue(clock.instant());
    }

    /** Publishes the report of the month before {@code now}'s, unless it was published already; the report, or null. */
    @Transactional
    public SavingsReport publishDue(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1);
        int claimed = InstanceEntity.getEntityManager().createNativeQuery(
                        "INSERT INTO savings_report (month, published_at) VALUES (?1, ?2) ON CONFLICT (month) DO NOTHING")
                .setParameter(1, month.toString()).setParameter(2, now).executeUpdate();
        if (claimed == 0) {
            return null;
        }
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SavingsResource.Report r = savings.savings(from, to, "total", null);
        // Only instances registered before the month ended: the others have nothing to report.
        Map<UUID, List<Savings.PlanSince>> history = Ledger.history(r.instances().stream().map(SavingsResource.InstanceSavings::id).toList());
        List<SavingsReport.Line> lines = r.instances().stream()
                .filter(i -> history.getOrDefault(i.id(), List.of()).stream().anyMatch(h -> h.from().isBefore(to)))
                .map(i -> {
                    Savings.Line l = i.periods().get(0);
                    return new SavingsReport.Line(i.id(), i.name(), l.costUsd(), l.registeredPlan(), l.registeredUsd(),
                            l.savedVsRegisteredUsd(), l.rightSizedPlan(), l.rightSizedUsd());
                }).collect(Collectors.toList());
        if (lines.isEmpty()) {
            return null; // nothing was registered in that month: the month is marked done, nothing is sent
        }
        Savings.Line total = r.fleet().get(0);
        SavingsReport report = new SavingsReport(UUID.randomUUID(), month.toString(), from, to, total.costUsd(), total.registeredUsd(),
                total.savedVsRegisteredUsd(), lines);
        outbox.add(Topics.REPORTS, month.toString(), report);
        return report;
    }
}
