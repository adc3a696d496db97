package io.redisscale.collector.savings;

import io.redisscale.collector.ProblemException;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.events.Plan;
import io.redisscale.runtime.api.Problem;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The savings ledger: what each instance cost, prorated per second from its plan history, against the
 * plan it was registered on and the cheapest single plan that held the period's peak; per day, month or
 * in total, per instance and for the fleet.
 */
@Path("/api/v1/savings")
@Produces(MediaType.APPLICATION_JSON)
public class SavingsResource {
    static final long MAX_DAYS = 400;
    /** Ten years: 120 months, a bounded report whatever {@code from} says (0001-01-01 made 24,300 months). */
    static final long MAX_SPAN_DAYS = 3_653;

    /** One instance's periods. */
    public record InstanceSavings(UUID id, String name, String plan, List<Savings.Line> periods) {}

    /** The fleet's periods (sums over its instances; the right-sized sums over those with a figure) and each instance's. */
    public record Report(Instant from, Instant to, Savings.Period period, String currency, List<Savings.Line> fleet,
                         List<InstanceSavings> instances) {}

    private final Clock clock;

    public SavingsResource(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code from} defaults to the start of this UTC month, {@code to} to now; {@code period} is {@code day},
     * {@code month} (the default) or {@code total}; {@code instance} narrows it to one instance.
     */
    @GET
    @Transactional // reads only, no lock: the ledger is folded on a schedule (LedgerFolder)
    public Report savings(@QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("period") String period,
                          @QueryParam("instance") UUID instance) {
        Instant now = clock.instant();
        Instant end = to == null || to.isAfter(now) ? now : to;
        Instant start = from != null ? from : monthStart(now);
        if (!end.isAfter(start)) {
            throw new ProblemException(400, "Bad Request", "'from' must be before 'to' (and before now)",
                    List.of(new Problem.FieldError("from", "must be before to")));
        }
        Savings.Period cut = parse(period);
        // Bounded work per request: the periods a request may ask for, and how far back any may look.
        long days = java.time.Duration.between(start, end).toDays();
        if (cut == Savings.Period.day && days > MAX_DAYS) {
            throw new ProblemException(400, "Bad Request", "at most " + MAX_DAYS + " days per request by day",
                    List.of(new Problem.FieldError("from", "at most " + MAX_DAYS + " days before to when period=day")));
        }
        if (days > MAX_SPAN_DAYS) {
            throw new ProblemException(400, "Bad Request", "at most 10 years per request",
                    List.of(new Problem.FieldError("from", "at most " + MAX_SPAN_DAYS + " days before to")));
        }
        List<InstanceEntity> fleet = instance == null ? InstanceEntity.<InstanceEntity>listAll()
                : List.of(InstanceEntity.<InstanceEntity>findByIdOptional(instance).orElseThrow(() -> ProblemException.notFound("instance " + instance)));
        List<UUID> ids = fleet.stream().map(e -> e.id).toList();
        Map<UUID, List<Savings.PlanSince>> history = Ledger.history(ids);
        Map<UUID, List<Savings.DayPeak>> peaks = Ledger.peaks(ids, LocalDate.ofInstant(start, ZoneOffset.UTC),
                LocalDate.ofInstant(end, ZoneOffset.UTC));
        Map<String, List<Plan>> catalogs = new HashMap<>();
        List<Instant[]> cuts = Savings.periods(start, end, cut);
        List<InstanceSavings> lines = new ArrayList<>();
        for (InstanceEntity e : fleet) {
            List<Plan> catalog = catalogs.computeIfAbsent(e.service, s -> PlanEntity.ofService(s).stream().map(PlanEntity::toEvent).toList());
            lines.add(new InstanceSavings(e.id, e.name, e.plan, cuts.stream().map(c -> Savings.line(history.getOrDefault(e.id, List.of()),
                    peaks.getOrDefault(e.id, List.of()), catalog, e.memoryThresholdPercent, e.connectionThresholdPercent, c[0], c[1])).toList()));
        }
        List<Savings.Line> totals = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            int at = i;
            totals.add(Savings.sum(cuts.get(i)[0], cuts.get(i)[1], lines.stream().map(l -> l.periods().get(at)).toList()));
        }
        return new Report(start, end, cut, "USD", totals, lines);
    }

    /** The start of {@code now}'s UTC month: where a report without {@code from} begins. */
    static Instant monthStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Savings.Period parse(String period) {
        if (period == null) {
            return Savings.Period.month;
        }
        try {
            return Savings.Period.valueOf(period);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Bad Request", "unknown period '" + period + "'",
                    List.of(new Problem.FieldError("period", "must be day, month or total")));
        }
    }
}
