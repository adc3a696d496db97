package io.redisscale.collector;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-instance Prometheus gauges, labelled {@code redis_instance} with the instance's name (not
 * {@code instance}, which Prometheus sets to the scraped target): used memory and connections against
 * the plan's limits and price, from this replica's last answered poll. One series per instance and
 * gauge (bounded by the fleet); an instance this replica stops polling leaves them at the next refresh.
 */
@ApplicationScoped
class InstanceGauges {
    /** What the last answered poll of an instance read, and the plan it was on. */
    record Reading(String name, long usedMemory, int connections, long planMemory, int planConnections, double priceMonthUsd,
                   int memoryThresholdPercent, boolean scalingEnabled) {}

    private final Map<UUID, Reading> latest = new ConcurrentHashMap<>();
    private final List<Gauge> gauges;

    private record Gauge(MultiGauge gauge, ToDoubleFunction<Reading> value) {}

    InstanceGauges(MeterRegistry registry) {
        gauges = List.of(
                gauge(registry, "autoscaler.instance.memory.used", "bytes", "used memory at the last poll", Reading::usedMemory),
                gauge(registry, "autoscaler.instance.memory.plan", "bytes", "the plan's memory", Reading::planMemory),
                gauge(registry, "autoscaler.instance.connections", null, "connected clients at the last poll", Reading::connections),
                gauge(registry, "autoscaler.instance.connections.plan", null, "the plan's connection limit (-1 unlimited)",
                        Reading::planConnections),
                gauge(registry, "autoscaler.instance.plan.price", "usd", "the plan's monthly price", Reading::priceMonthUsd),
                gauge(registry, "autoscaler.instance.memory.threshold", "ratio", "the memory threshold, a fraction of the plan",
                        r -> r.memoryThresholdPercent() / 100.0),
                gauge(registry, "autoscaler.instance.scaling.enabled", null, "1 when scaling is on (dry run counts as on)",
                        r -> r.scalingEnabled() ? 1 : 0));
    }

    private static Gauge gauge(MeterRegistry registry, String name, String unit, String help, ToDoubleFunction<Reading> value) {
        return new Gauge(MultiGauge.builder(name).baseUnit(unit).description(help).register(registry), value);
    }

    void record(UUID id, Reading reading) {
        latest.put(id, reading);
    }

    void forget(UUID id) {
        latest.remove(id);
    }

    /** Rewrites every series from the latest readings; series of forgotten instances go. */
    @Scheduled(every = "${collector.gauges-refresh:10s}")
    void refresh() {
        for (Gauge g : gauges) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>(latest.size());
            latest.values().forEach(r -> rows.add(MultiGauge.Row.of(Tags.of("redis_instance", r.name()), g.value().applyAsDouble(r))));
            g.gauge().register(rows, true);
        }
    }
}
