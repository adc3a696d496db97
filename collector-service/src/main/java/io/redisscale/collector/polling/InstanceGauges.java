package io.redisscale.collector.polling;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-instance Prometheus gauges, labelled {@code redis_instance} with the instance's name (not
 * {@code instance}, which Prometheus sets to the scraped target): used memory and connections against
 * the plan's limits and price, from this replica's last answered poll. One series per instance and
 * gauge (bounded by the fleet). An instance's gauges are registered at its first reading and read its
 * latest one when scraped; they go when it is forgotten (a failed poll, or no longer polled here).
 * Registering a meter is costly (the registry's naming, its lock, the Prometheus collector): rewriting
 * every series on a timer took four fifths of the collector's CPU at 10,000 instances.
 */
@ApplicationScoped
class InstanceGauges {
    /** What the last answered poll of an instance read, and the plan it was on. */
    record Reading(String name, long usedMemory, int connections, long planMemory, int planConnections, double priceMonthUsd,
                   int memoryThresholdPercent, boolean scalingEnabled) {}

    private record Spec(String name, String unit, String help, ToDoubleFunction<Reading> value) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("autoscaler.instance.memory.used", "bytes", "used memory at the last poll", Reading::usedMemory),
            new Spec("autoscaler.instance.memory.plan", "bytes", "the plan's memory", Reading::planMemory),
            new Spec("autoscaler.instance.connections", null, "connected clients at the last poll", Reading::connections),
            new Spec("autoscaler.instance.connections.plan", null, "the plan's connection limit (-1 unlimited)",
                    Reading::planConnections),
            new Spec("autoscaler.instance.plan.price", "usd", "the plan's monthly price", Reading::priceMonthUsd),
            new Spec("autoscaler.instance.memory.threshold", "ratio", "the memory threshold, a fraction of the plan",
                    r -> r.memoryThresholdPercent() / 100.0),
            new Spec("autoscaler.instance.scaling.enabled", null, "1 when scaling is on (dry run counts as on)",
                    r -> r.scalingEnabled() ? 1 : 0));

    /** An instance's latest reading and the gauges that read it. */
    private static final class Series {
        volatile Reading reading;
        List<Meter> meters;

        Series(Reading reading) {
            this.reading = reading;
        }
    }

    private final MeterRegistry registry;
    private final Map<UUID, Series> series = new ConcurrentHashMap<>();

    InstanceGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(UUID id, Reading reading) {
        series.compute(id, (k, s) -> {
            if (s != null && s.reading.name().equals(reading.name())) {
                s.reading = reading; // the gauges read it at the next scrape
                return s;
            }
            if (s != null) {
                remove(s); // renamed: its series carry the old name
            }
            Series fresh = new Series(reading);
            fresh.meters = SPECS.stream().<Meter>map(spec -> Gauge.builder(spec.name(), fresh, x -> spec.value().applyAsDouble(x.reading))
                    .baseUnit(spec.unit()).description(spec.help()).tag("redis_instance", reading.name())
                    .strongReference(true).register(registry)).toList();
            return fresh;
        });
    }

    void forget(UUID id) {
        series.computeIfPresent(id, (k, s) -> {
            remove(s);
            return null;
        });
    }

    private void remove(Series s) {
        s.meters.forEach(registry::remove);
    }
}
