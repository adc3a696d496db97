package io.redisscale.decision.backtest;

import io.redisscale.events.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plan timeline (the plan in effect from each entry on) and what it costs on a trace. */
public record Timeline(List<Entry> entries) {
    public record Entry(long at, String plan) {}

    /**
     * Cost, overflows and changes of a timeline, the plan of a sample being the last entry at or before it; of the
     * samples over their plan, those a policy answers for ({@link Surprises}) and those it could not have foreseen.
     */
    record Score(double costUsd, int memoryOverflows, int connectionOverflows, int planChanges, int foreseeableOverflows,
                 int unforeseeableOverflows) {}

    static Timeline of(List<Entry> entries) {
        List<Entry> merged = new ArrayList<>();
        for (Entry e : entries) {
            if (merged.isEmpty() || !merged.get(merged.size() - 1).plan().equals(e.plan())) {
                merged.add(e);
            }
        }
        return new Timeline(List.copyOf(merged));
    }

    Score score(Trace trace, Map<String, Plan> plans, Surprises surprises) {
        double cost = 0;
        int memOver = 0;
        int connOver = 0;
        int foreseeable = 0;
        int unforeseeable = 0;
        int j = 0;
        List<Trace.Point> pts = trace.points();
        for (int i = 0; i < pts.size(); i++) {
            Trace.Point p = pts.get(i);
            while (j + 1 < entries.size() && entries.get(j + 1).at() <= p.at()) {
                j++;
            }
            Plan plan = plans.get(entries.get(j).plan());
            long dt = i + 1 < pts.size() ? pts.get(i + 1).at() - p.at() : 0;
            cost += plan.costUsd(dt);
            boolean overMemory = p.memory() > plan.memoryBytes();
            boolean overConnections = !plan.unlimitedConnections() && p.connections() > plan.maxConnections();
            memOver += overMemory ? 1 : 0;
            connOver += overConnections ? 1 : 0;
            if (overMemory && !surprises.memory(i) || overConnections && !surprises.connections(i)) {
                foreseeable++;
            } else if (overMemory || overConnections) {
                unforeseeable++;
            }
        }
        int changes = 0;
        for (int i = 1; i < entries.size(); i++) {
            if (!entries.get(i).plan().equals(entries.get(i - 1).plan())) {
                changes++;
            }
        }
        return new Score(Math.round(cost * 100) / 100.0, memOver, connOver, changes, foreseeable, unforeseeable);
    }
}
