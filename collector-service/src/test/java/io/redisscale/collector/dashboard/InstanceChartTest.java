package io.redisscale.collector.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.savings.Savings;
import io.redisscale.events.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart draws each threshold as it was: changing it today does not redraw the past. */
class InstanceChartTest {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final Plan PLAN = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);

    @Test
    void thresholdsAreDrawnAsTheyWere() {
        InstanceEntity e = new InstanceEntity();
        e.memoryThresholdPercent = 75; // today's
        e.connectionThresholdPercent = 80;
        List<Savings.PlanSince> history = List.of(
                new Savings.PlanSince("rediscloud:100", 10, T0, 80, 80),
                new Savings.PlanSince("rediscloud:100", 10, T0.plusSeconds(3600), 75, 80));
        InstanceChart chart = InstanceChart.of(e, List.of(), history, Map.of(PLAN.name(), PLAN), List.of(), List.of(),
                T0, T0.plusSeconds(7200));
        assertEquals(List.of(80_000_000.0, 80_000_000.0, 75_000_000.0, 75_000_000.0),
                chart.memoryThreshold().stream().map(p -> p[1]).toList(), "80% before the change, 75% after");
        assertEquals(List.of(T0.toEpochMilli(), T0.plusSeconds(3600).toEpochMilli()),
                chart.memoryThreshold().stream().map(p -> (long) p[0]).distinct().toList().subList(0, 2));

        // An entry from before threshold history: today's threshold is all there is to draw.
        InstanceChart old = InstanceChart.of(e, List.of(), List.of(new Savings.PlanSince("rediscloud:100", 10, T0)),
                Map.of(PLAN.name(), PLAN), List.of(), List.of(), T0, T0.plusSeconds(60));
        assertEquals(75_000_000.0, old.memoryThreshold().get(0)[1]);
    }
}
