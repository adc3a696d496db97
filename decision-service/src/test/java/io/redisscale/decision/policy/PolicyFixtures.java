package io.redisscale.decision.policy;

import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Plans, instances and sample series for policy tests. */
public final class PolicyFixtures {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    public static final List<Plan> CATALOG = List.of(
            new Plan("rediscloud:30", "rediscloud", 30_000_000L, 30, 0),
            new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10),
            new Plan("rediscloud:250", "rediscloud", 250_000_000L, 256, 25),
            new Plan("rediscloud:500", "rediscloud", 500_000_000L, 512, 52),
            new Plan("rediscloud:1000", "rediscloud", 1_000_000_000L, 512, 102),
            new Plan("rediscloud:5000", "rediscloud", 5_000_000_000L, -1, 499));
    static final PolicySettings SETTINGS = new PolicySettings(Duration.ofSeconds(60), Duration.ofMinutes(30), 5,
            Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofSeconds(60), 48, Duration.ofMinutes(3), Duration.ofMinutes(10));

    static InstanceConfig instance(String min, String max) {
        return InstanceFixtures.local("orders").id(ID).redisUrl("redis://127.0.0.1:6379").plan(min).minPlan(min)
                .maxPlan(max).updatedAt(NOW).build();
    }

    /** Puts the catalog and an instance's configuration in a service's replica, as its consumers would. */
    public static void register(io.redisscale.runtime.Replica replica, InstanceConfig config) {
        for (Plan p : CATALOG) {
            replica.apply(new org.apache.kafka.clients.consumer.ConsumerRecord<>(io.redisscale.events.Topics.PLANS, 0, 0,
                    p.name(), io.redisscale.events.Events.write(p)));
        }
        replica.apply(new org.apache.kafka.clients.consumer.ConsumerRecord<>(io.redisscale.events.Topics.INSTANCES, 0, 0,
                config.id().toString(), io.redisscale.events.Events.write(config)));
    }

    static Plan plan(String name) {
        return CATALOG.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Samples every 30 s ending now, memory in MB as given, the same number of clients each. */
    static List<MetricSample> series(int clients, double... memoryMb) {
        List<MetricSample> out = new ArrayList<>();
        for (int i = 0; i < memoryMb.length; i++) {
            Instant at = NOW.minusSeconds(30L * (memoryMb.length - 1 - i));
            out.add(new MetricSample(UUID.randomUUID(), ID, at, MetricSample.Status.ok, null,
                    (long) (memoryMb[i] * 1_000_000), clients, "x", 0, 0, null, null, 0L, 0L));
        }
        return out;
    }

    static MetricSample sampleAt(Instant at, int clients, double memoryMb) {
        return new MetricSample(UUID.randomUUID(), ID, at, MetricSample.Status.ok, null, (long) (memoryMb * 1_000_000),
                clients, "x", 0, 0, null, null, 0L, 0L);
    }

    /** {@code n} samples of a flat load, every 30 s ending now. */
    static List<MetricSample> flat(int n, int clients, double memoryMb) {
        double[] m = new double[n];
        java.util.Arrays.fill(m, memoryMb);
        return series(clients, m);
    }

    static List<MetricSample> withFailure(List<MetricSample> samples, int index) {
        List<MetricSample> out = new ArrayList<>(samples);
        MetricSample s = out.get(index);
        out.set(index, new MetricSample(s.eventId(), s.instanceId(), s.at(), MetricSample.Status.unreachable, "timeout",
                null, null, s.plan(), 0, 0, null, null, null, null));
        return out;
    }

    static List<MetricSample> withGap(List<MetricSample> samples, int from, int to) {
        List<MetricSample> out = new ArrayList<>(samples);
        out.subList(from, to).clear();
        return out;
    }

    private PolicyFixtures() {}
}
