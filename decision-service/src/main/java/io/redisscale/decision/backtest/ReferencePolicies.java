package io.redisscale.decision.backtest;

import io.redisscale.events.Plan;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The yardsticks the autoscaler is measured against, as ../shared/traces/README.md defines them:
 * static peak, the original redis-scaling rule, and the hourly perfect-foresight oracle, at 100% and at
 * the threshold.
 */
final class ReferencePolicies {
    private final List<Plan> byPrice;

    ReferencePolicies(List<Plan> catalog) {
        this.byPrice = catalog.stream().sorted(Comparator.comparingDouble(Plan::priceMonthUsd)
                .thenComparingLong(Plan::memoryBytes)).toList();
    }

    Plan cheapestFitting(long memory, int connections, double fraction) {
        for (Plan p : byPrice) {
            if (fits(p, memory, connections, fraction)) {
                return p;
            }
        }
        return byPrice.get(byPrice.size() - 1);
    }

    /** True when {@code p} holds the memory and connections within {@code fraction} of its limits. */
    private static boolean fits(Plan p, long memory, long connections, double fraction) {
        return memory <= fraction * p.memoryBytes() && (p.unlimitedConnections() || connections <= fraction * p.maxConnections());
    }

    /** The cheapest single plan that holds the whole trace under the threshold. */
    Timeline staticPeak(Trace trace, double threshold) {
        long mem = trace.points().stream().mapToLong(Trace.Point::memory).max().orElse(0);
        int conn = trace.points().stream().mapToInt(Trace.Point::connections).max().orElse(0);
        return Timeline.of(List.of(new Timeline.Entry(trace.points().get(0).at(), cheapestFitting(mem, conn, threshold).name())));
    }

    /**
     * Perfect foresight: a plan per clock hour holding that hour's peak under {@code fraction} of the
     * plan (1.0: the hourly oracle; the threshold: the at-threshold bound, the best a policy that keeps
     * the user's margin could do with hourly changes).
     */
    Timeline hourlyOracle(Trace trace, double fraction) {
        return hourlyOracle(trace, fraction, null);
    }

    /**
     * The safe hourly bound: the hourly oracle at {@code fraction} whose plan also holds, at 100%, every sample's
     * previous level plus the largest one-sample rise seen before it ({@link Surprises#riseRoom}). It knows each
     * hour's peak but not when a rise comes: what a clairvoyant pays to survive every rise it has already seen.
     */
    Timeline safeHourly(Trace trace, double fraction) {
        return hourlyOracle(trace, fraction, Surprises.riseRoom(trace));
    }

    private Timeline hourlyOracle(Trace trace, double fraction, long[][] room) {
        Map<Long, long[]> hours = new LinkedHashMap<>();
        List<Trace.Point> pts = trace.points();
        for (int i = 0; i < pts.size(); i++) {
            Trace.Point p = pts.get(i);
            long[] peak = hours.computeIfAbsent(p.at() - Math.floorMod(p.at(), 3600L), h -> new long[4]);
            peak[0] = Math.max(peak[0], p.memory());
            peak[1] = Math.max(peak[1], p.connections());
            if (room != null) {
                peak[2] = Math.max(peak[2], room[i][0]);
                peak[3] = Math.max(peak[3], room[i][1]);
            }
        }
        List<Timeline.Entry> out = new ArrayList<>();
        long first = pts.get(0).at();
        hours.forEach((hour, peak) -> {
            Plan atFraction = cheapestFitting(peak[0], (int) peak[1], fraction);
            Plan fit = atFraction;
            if (room != null) { // the cheapest plan holding both the hour's peak at fraction and its room at 100%
                fit = byPrice.stream().filter(p -> p.priceMonthUsd() >= atFraction.priceMonthUsd()
                        && fits(p, peak[0], peak[1], fraction) && fits(p, peak[2], peak[3], 1.0))
                        .findFirst().orElse(byPrice.get(byPrice.size() - 1));
            }
            out.add(new Timeline.Entry(Math.max(hour, first), fit.name()));
        });
        return Timeline.of(out);
    }

    /**
     * carnot-technologies/redis-scaling as published: every scaling period, average the last two periods;
     * nothing if a change happened within them; else one plan step up on a breach, or one step down when
     * the average fits the lower plan under the threshold. A change takes effect after {@code latency}.
     */
    Timeline original(Trace trace, double threshold, long scalingRate, long latency) {
        List<Plan> order = byPrice.stream().sorted(Comparator.comparingLong(Plan::memoryBytes)
                .thenComparingDouble(Plan::priceMonthUsd)).toList();
        Trace.Point first = trace.points().get(0);
        Plan cur = cheapestFitting(first.memory(), first.connections(), threshold);
        List<Timeline.Entry> out = new ArrayList<>(List.of(new Timeline.Entry(first.at(), cur.name())));
        Deque<Trace.Point> win = new ArrayDeque<>();
        double sumM = 0;
        double sumC = 0;
        long lastChange = Long.MIN_VALUE / 2;
        long nextCheck = first.at() + scalingRate;
        Plan pendingPlan = null;
        long pendingAt = 0;
        for (Trace.Point p : trace.points()) {
            if (pendingPlan != null && p.at() >= pendingAt) {
                cur = pendingPlan;
                pendingPlan = null;
            }
            win.addLast(p);
            sumM += p.memory();
            sumC += p.connections();
            while (!win.isEmpty() && win.peekFirst().at() <= p.at() - 2 * scalingRate) {
                Trace.Point old = win.removeFirst();
                sumM -= old.memory();
                sumC -= old.connections();
            }
            if (p.at() < nextCheck) {
                continue;
            }
            nextCheck = p.at() + scalingRate;
            if (p.at() - lastChange < 2 * scalingRate || pendingPlan != null) {
                continue;
            }
            int pos = order.indexOf(cur);
            double am = sumM / win.size();
            double ac = sumC / win.size();
            boolean overConn = !cur.unlimitedConnections() && ac > threshold * cur.maxConnections();
            if (am > threshold * cur.memoryBytes() || overConn) {
                if (pos + 1 < order.size()) {
                    pendingPlan = order.get(pos + 1);
                }
            } else if (pos > 0) {
                Plan down = order.get(pos - 1);
                if (am < threshold * down.memoryBytes() && (down.unlimitedConnections() || ac <= threshold * down.maxConnections())) {
                    pendingPlan = down;
                }
            }
            if (pendingPlan != null) {
                pendingAt = p.at() + latency;
                lastChange = p.at();
                out.add(new Timeline.Entry(pendingAt, pendingPlan.name()));
            }
        }
        return Timeline.of(out);
    }
}
