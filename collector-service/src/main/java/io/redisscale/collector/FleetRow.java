package io.redisscale.collector;

import io.redisscale.events.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One instance on the dashboard's fleet page: its load now against its thresholds, its state in words
 * (never only a colour), what its plan costs a month and what it saved this month.
 */
public record FleetRow(UUID id, String name, String provider, String plan, Double memoryPercent, int memoryThreshold,
                       Double connectionsPercent, int connectionThreshold, String state, List<String> modes,
                       double priceMonthUsd, double savedThisMonthUsd) {

    /** The columns the page sorts by; {@code name} is the default and the tie-break. */
    static final Map<String, Comparator<FleetRow>> SORTS = Map.of(
            "name", Comparator.comparing(FleetRow::name),
            "provider", Comparator.comparing(FleetRow::provider),
            "plan", Comparator.comparing(FleetRow::plan),
            "memory", Comparator.comparing(FleetRow::memoryPercent, Comparator.nullsFirst(Comparator.naturalOrder())),
            "connections", Comparator.comparing(FleetRow::connectionsPercent, Comparator.nullsFirst(Comparator.naturalOrder())),
            "state", Comparator.comparing(FleetRow::state),
            "price", Comparator.comparingDouble(FleetRow::priceMonthUsd),
            "saved", Comparator.comparingDouble(FleetRow::savedThisMonthUsd));

    /**
     * The state, first that applies: unreachable (its last polls failed), changing (a plan change was
     * sent and has no outcome yet), breach (over a threshold now), ok. Scaling off and dry run are modes
     * shown beside it.
     */
    static FleetRow of(InstanceEntity e, Plan plan, Long usedMemory, Integer connections, boolean changing, double savedThisMonth) {
        Double mem = usedMemory == null || plan == null ? null : 100.0 * usedMemory / plan.memoryBytes();
        Double conn = connections == null || plan == null || plan.unlimitedConnections() ? null
                : 100.0 * connections / plan.maxConnections();
        String state = Boolean.FALSE.equals(e.reachable) ? "unreachable"
                : changing ? "changing"
                : (mem != null && mem >= e.memoryThresholdPercent) || (conn != null && conn >= e.connectionThresholdPercent) ? "breach"
                : usedMemory == null ? "no data yet" : "ok";
        List<String> modes = new ArrayList<>();
        if (!e.scalingEnabled) {
            modes.add("scaling off");
        }
        if (e.dryRun) {
            modes.add("dry run");
        }
        return new FleetRow(e.id, e.name, e.provider, e.plan, mem, e.memoryThresholdPercent, conn, e.connectionThresholdPercent,
                state, modes, plan == null ? 0 : plan.priceMonthUsd(), savedThisMonth);
    }

    /** Sorted by {@code column} (unknown: by name), descending when {@code descending}; ties by name. */
    static List<FleetRow> sorted(List<FleetRow> rows, String column, boolean descending) {
        Comparator<FleetRow> by = SORTS.getOrDefault(column, SORTS.get("name"));
        return rows.stream().sorted((descending ? by.reversed() : by).thenComparing(SORTS.get("name"))).toList();
    }

    public boolean breaching() {
        return state.equals("breach");
    }

    public String memoryText() {
        return memoryPercent == null ? "–" : String.format(java.util.Locale.ROOT, "%.0f%%", memoryPercent);
    }

    public String connectionsText() {
        return connectionsPercent == null ? "–" : String.format(java.util.Locale.ROOT, "%.0f%%", connectionsPercent);
    }
}
