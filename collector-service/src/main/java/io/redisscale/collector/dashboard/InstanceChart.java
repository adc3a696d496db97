package io.redisscale.collector.dashboard;

import io.quarkus.qute.TemplateData;
import io.redisscale.collector.polling.StoredSample;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.savings.Savings;
import io.redisscale.events.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the instance page plots, as the page's script reads it (JSON, its components by name): samples as
 * [epoch ms, value], plan capacity and threshold as steps from the plan history, and each plan change that
 * took effect with the decision that asked for it.
 */
public record InstanceChart(List<long[]> memory, List<long[]> connections, List<double[]> memoryCapacity,
                            List<double[]> memoryThreshold, List<double[]> connectionCapacity,
                            List<double[]> connectionThreshold, List<Change> changes) {

    /**
     * A plan change that took effect: when it started and ended, what, the decision's reason, and what it cost in
     * availability (the actuator's probes, in words; null when not measured).
     */
    @TemplateData
    public record Change(long startedAt, long at, String time, String label, Object reasonCode, Object reason, String availability) {}

    /** The chart of {@code [from, to]}; {@code decisions} and {@code actions} as the other services' APIs give them. */
    static InstanceChart of(InstanceEntity e, List<StoredSample> samples, List<Savings.PlanSince> history,
                            Map<String, Plan> plans, List<Map<String, Object>> decisions,
                            List<Map<String, Object>> actions, Instant from, Instant to) {
        List<long[]> memory = new ArrayList<>();
        List<long[]> connections = new ArrayList<>();
        for (StoredSample s : samples) {
            memory.add(new long[] {s.at.toEpochMilli(), s.usedMemory});
            connections.add(new long[] {s.at.toEpochMilli(), s.connectedClients});
        }
        List<double[]> memCap = new ArrayList<>();
        List<double[]> memThr = new ArrayList<>();
        List<double[]> connCap = new ArrayList<>();
        List<double[]> connThr = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Instant start = history.get(i).from().isBefore(from) ? from : history.get(i).from();
            Instant end = i + 1 < history.size() ? history.get(i + 1).from() : to;
            Savings.PlanSince entry = history.get(i);
            Plan p = plans.get(entry.plan());
            if (p == null || !end.isAfter(from)) {
                continue;
            }
            // The thresholds as they were then (today's only for entries older than threshold history).
            int memPct = entry.memoryThresholdPercent() != null ? entry.memoryThresholdPercent() : e.memoryThresholdPercent;
            int connPct = entry.connectionThresholdPercent() != null ? entry.connectionThresholdPercent() : e.connectionThresholdPercent;
            for (Instant t : List.of(start, end.isAfter(to) ? to : end)) {
                memCap.add(new double[] {t.toEpochMilli(), p.memoryBytes()});
                memThr.add(new double[] {t.toEpochMilli(), p.memoryBytes() * memPct / 100.0});
                if (!p.unlimitedConnections()) {
                    connCap.add(new double[] {t.toEpochMilli(), p.maxConnections()});
                    connThr.add(new double[] {t.toEpochMilli(), p.maxConnections() * connPct / 100.0});
                }
            }
        }
        Map<Object, Map<String, Object>> byCommand = decisions.stream().filter(d -> d.get("commandId") != null)
                .collect(Collectors.toMap(d -> d.get("commandId"), Function.identity(), (a, b) -> a));
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> a : actions) {
            Object finished = a.get("finishedAt");
            if (!"succeeded".equals(a.get("outcome")) || finished == null) {
                continue;
            }
            Instant at = Instant.parse(finished.toString());
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            Map<String, Object> d = byCommand.getOrDefault(a.get("commandId"), Map.of());
            Instant started = a.get("startedAt") == null ? at : Instant.parse(a.get("startedAt").toString());
            changes.add(new Change(started.toEpochMilli(), at.toEpochMilli(), at.toString(),
                    a.get("direction") + ": " + a.get("fromPlan") + " → " + a.get("toPlan"), d.get("reasonCode"), d.get("reason"),
                    availability(a)));
        }
        return new InstanceChart(memory, connections, memCap, memThr, connCap, connThr, changes);
    }

    /** Each action's availability in words, by command id (actions without one left out). */
    static Map<Object, String> availabilities(List<Map<String, Object>> actions) {
        Map<Object, String> out = new java.util.HashMap<>();
        actions.forEach(a -> {
            String words = availability(a);
            if (words != null) {
                out.put(a.get("commandId"), words);
            }
        });
        return out;
    }

    /** The action's availability (as the actuator's API gives it) in words. */
    private static String availability(Map<String, Object> action) {
        Object a = action.get("availability");
        if (a == null) {
            return null;
        }
        io.redisscale.events.Availability read = io.redisscale.events.Events.read(io.redisscale.events.Events.write(a),
                io.redisscale.events.Availability.class);
        Object ms = action.get("durationMs");
        return read.summary(ms == null ? 0 : ((Number) ms).longValue());
    }
}
