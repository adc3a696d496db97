package io.redisscale.collector.savings;

import io.redisscale.events.Plan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an instance cost over a period, against two baselines: the plan it was registered on, and the
 * cheapest single plan that would have held the period's peak under its thresholds. Plain arithmetic
 * over its plan history and daily peaks; no framework, no clock.
 */
public final class Savings {
    /** The plan an instance was on from {@code from} on, at the price of that day. */
    /**
     * A plan an instance was on from {@code from}, at its price then, with the thresholds it had then (null when
     * the entry is older than threshold history).
     */
    public record PlanSince(String plan, double priceMonthUsd, Instant from, Integer memoryThresholdPercent,
                            Integer connectionThresholdPercent) {
        public PlanSince(String plan, double priceMonthUsd, Instant from) {
            this(plan, priceMonthUsd, from, null, null);
        }
    }

    /** An instance's highest used memory and connections on one UTC day. */
    record DayPeak(LocalDate day, long memory, int connections) {}

    /** How periods are cut: by UTC day, by UTC month, or one for the whole range. */
    enum Period { day, month, total }

    /**
     * One period's figures. {@code rightSizedPlan} is null when no sample was taken in the period, or when
     * no plan of the catalog holds its peak; the saving against it is then null too.
     */
    public record Line(Instant from, Instant to, double costUsd, String registeredPlan, double registeredUsd, String rightSizedPlan,
                Double rightSizedUsd, double savedVsRegisteredUsd, Double savedVsRightSizedUsd) {}

    private Savings() {}

    /** The periods of {@code [from, to)}, cut at UTC day or month boundaries. */
    static List<Instant[]> periods(Instant from, Instant to, Period period) {
        List<Instant[]> out = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = switch (period) {
                case day -> start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
                case month -> LocalDate.ofInstant(start, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
                        .atStartOfDay(ZoneOffset.UTC).toInstant();
                case total -> to;
            };
            end = end.isAfter(to) ? to : end;
            out.add(new Instant[] {start, end});
            start = end;
        }
        return out;
    }

    /**
     * The figures of {@code [from, to)}. Only time since registration counts, for the cost and for both
     * baselines alike; {@code history} is oldest first and starts at registration.
     */
    static Line line(List<PlanSince> history, List<DayPeak> peaks, List<Plan> catalog, int memoryPercent,
                     int connectionPercent, Instant from, Instant to) {
        if (history.isEmpty()) {
            return new Line(from, to, 0, null, 0, null, null, 0, null);
        }
        double cost = 0;
        for (int i = 0; i < history.size(); i++) {
            Instant end = i + 1 < history.size() ? history.get(i + 1).from() : to;
            cost += Plan.prorated(history.get(i).priceMonthUsd(), seconds(history.get(i).from(), end, from, to));
        }
        PlanSince registered = history.get(0);
        double covered = seconds(registered.from(), to, from, to);
        double registeredUsd = Plan.prorated(registered.priceMonthUsd(), covered);
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        List<DayPeak> inPeriod = peaks.stream().filter(p -> !p.day().isBefore(firstDay) && !p.day().isAfter(lastDay)).toList();
        Plan rightSized = inPeriod.isEmpty() ? null : cheapestHolding(catalog,
                inPeriod.stream().mapToLong(DayPeak::memory).max().orElseThrow(),
                inPeriod.stream().mapToInt(DayPeak::connections).max().orElseThrow(), memoryPercent, connectionPercent);
        Double rightSizedUsd = rightSized == null ? null : rightSized.costUsd(covered);
        return new Line(from, to, cents(cost), registered.plan(), cents(registeredUsd), rightSized == null ? null : rightSized.name(),
                rightSizedUsd == null ? null : cents(rightSizedUsd), cents(registeredUsd - cost),
                rightSizedUsd == null ? null : cents(rightSizedUsd - cost));
    }

    /** The fleet's figures for one period: sums; the right-sized ones over the instances that have one. */
    static Line sum(Instant from, Instant to, List<Line> lines) {
        double cost = 0;
        double registered = 0;
        double rightSized = 0;
        double rightSizedCost = 0;
        boolean anyRightSized = false;
        for (Line l : lines) {
            cost += l.costUsd();
            registered += l.registeredUsd();
            if (l.rightSizedUsd() != null) {
                anyRightSized = true;
                rightSized += l.rightSizedUsd();
                rightSizedCost += l.costUsd();
            }
        }
        return new Line(from, to, cents(cost), null, cents(registered), null, anyRightSized ? cents(rightSized) : null,
                cents(registered - cost), anyRightSized ? cents(rightSized - rightSizedCost) : null);
    }

    /** The cheapest plan (the smaller of two at one price) that holds both peaks under the thresholds, or null. */
    static Plan cheapestHolding(List<Plan> catalog, long memory, int connections, int memoryPercent, int connectionPercent) {
        return catalog.stream()
                .filter(p -> p.holdsMemory(memory, memoryPercent) && p.holdsConnections(connections, connectionPercent))
                .min(Comparator.comparingDouble(Plan::priceMonthUsd).thenComparingLong(Plan::memoryBytes))
                .orElse(null);
    }

    /** Seconds of {@code [a, b)} inside {@code [from, to)}. */
    private static double seconds(Instant a, Instant b, Instant from, Instant to) {
        Instant start = a.isAfter(from) ? a : from;
        Instant end = b.isBefore(to) ? b : to;
        return end.isAfter(start) ? Duration.between(start, end).toMillis() / 1000.0 : 0;
    }

    private static double cents(double usd) {
        return Math.round(usd * 100) / 100.0;
    }
}
