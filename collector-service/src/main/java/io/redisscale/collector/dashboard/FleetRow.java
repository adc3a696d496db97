package io.redisscale.collector.dashboard;

import io.redisscale.collector.registry.InstanceEntity;
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

    /** Rows a fleet page shows: a fleet of thousands is read a page at a time. */
    static final int PAGE_SIZE = 100;

    /**
     * One page of rows: {@code number} from 1 (a number past the end gives the last page), {@code from} and
     * {@code to} the 1-based positions of its first and last row in {@code total} (both 0 when there is none).
     */
    public record Page(List<FleetRow> rows, int number, int pages, int from, int to, int total) {
        public boolean hasPrevious() {
            return number > 1;
        }

        public boolean hasNext() {
            return number < pages;
        }

        public int previous() {
            return number - 1;
        }

        public int next() {
            return number + 1;
        }
    }

    /** The rows whose name contains {@code filter} (any case; none or blank: all), page {@code number} of them. */
    static Page page(List<FleetRow> sorted, String filter, int number, int size) {
        String f = filter == null ? "" : filter.strip().toLowerCase(java.util.Locale.ROOT);
        List<FleetRow> matching = f.isEmpty() ? sorted
                : sorted.stream().filter(r -> r.name().toLowerCase(java.util.Locale.ROOT).contains(f)).toList();
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int n = Math.min(Math.max(1, number), pages);
        int from = (n - 1) * size;
        int to = Math.min(matching.size(), from + size);
        return new Page(matching.subList(from, to), n, pages, to > from ? from + 1 : 0, to, matching.size());
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
