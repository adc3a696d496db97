package io.redisscale.decision;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanSchedule;
import io.redisscale.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The instances' plan schedules, each read once: reading cron ranges on every sample would cost more than the
 * decision. Kept by value (many instances share one schedule), the least recently used dropped beyond a bound.
 */
final class Schedules {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Schedules.class);
    static final int KEEP = 10_000;

    /** By catalog too: a schedule is read against its service's plans as they are now. */
    private record Key(List<Plan> catalog, PlanSchedule schedule) {}

    private final Map<Key, Schedule> read = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Schedule> eldest) {
            return size() > KEEP;
        }
    };

    /**
     * The instance's schedule over its service's {@code catalog}. The collector checked it at registration; one that
     * no longer reads (a plan it names left the catalog) is logged and holds nothing, rather than stopping decisions.
     */
    synchronized Schedule of(InstanceConfig instance, List<Plan> catalog) {
        PlanSchedule s = instance.schedule();
        if (s == null || s.ranges().isEmpty()) {
            return Schedule.NONE;
        }
        return read.computeIfAbsent(new Key(catalog, s), k -> {
            try {
                return Schedule.of(s, catalog.stream().collect(Collectors.toMap(Plan::name, Plan::memoryBytes)));
            } catch (Schedule.Invalid e) {
                LOG.warnf("the plan schedule of %s is not applied: %s", instance.name(), e.getMessage());
                return Schedule.NONE;
            }
        });
    }
}
