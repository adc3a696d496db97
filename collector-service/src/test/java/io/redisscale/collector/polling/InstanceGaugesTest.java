package io.redisscale.collector.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstanceGaugesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InstanceGauges gauges = new InstanceGauges(registry);

    private static InstanceGauges.Reading reading(String name, long used, int connections) {
        return new InstanceGauges.Reading(name, used, connections, 100_000_000, 256, 10, 80, true);
    }

    private Gauge gauge(String name, String instance) {
        return registry.find(name).tag("redis_instance", instance).gauge();
    }

    @Test
    void seriesReadTheLatestReadingWithoutRegisteringAgain() {
        UUID id = UUID.randomUUID();
        gauges.record(id, reading("orders", 40_000_000, 12));
        Gauge used = gauge("autoscaler.instance.memory.used", "orders");
        assertEquals(40_000_000, used.value());
        assertEquals(12, gauge("autoscaler.instance.connections", "orders").value());
        assertEquals(0.8, gauge("autoscaler.instance.memory.threshold", "orders").value());
        assertEquals(1, gauge("autoscaler.instance.scaling.enabled", "orders").value());
        assertEquals(7, registry.getMeters().size());

        gauges.record(id, reading("orders", 55_000_000, 20));
        assertSame(used, gauge("autoscaler.instance.memory.used", "orders"), "the same meter, not a new one");
        assertEquals(55_000_000, used.value());
        assertEquals(20, gauge("autoscaler.instance.connections", "orders").value());
        assertEquals(7, registry.getMeters().size());
    }

    @Test
    void aRenamedInstanceKeepsOnlyItsNewSeriesAndAForgottenOneNone() {
        UUID orders = UUID.randomUUID();
        UUID cache = UUID.randomUUID();
        gauges.record(orders, reading("orders", 1, 1));
        gauges.record(cache, reading("cache", 2, 2));
        assertEquals(14, registry.getMeters().size());

        gauges.record(orders, reading("orders-eu", 3, 3));
        assertNull(gauge("autoscaler.instance.memory.used", "orders"));
        assertEquals(3, gauge("autoscaler.instance.memory.used", "orders-eu").value());
        assertEquals(14, registry.getMeters().size());

        gauges.forget(cache);
        gauges.forget(cache); // a second failed poll: nothing left to remove
        assertNull(gauge("autoscaler.instance.memory.used", "cache"));
        assertEquals(7, registry.getMeters().size());

        gauges.record(cache, reading("cache", 4, 4)); // answers again
        assertEquals(4, gauge("autoscaler.instance.memory.used", "cache").value());
        assertEquals(14, registry.getMeters().size());
    }
}
