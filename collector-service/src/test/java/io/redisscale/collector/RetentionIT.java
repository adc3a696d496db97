package io.redisscale.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Samples older than the retention are purged, newer ones kept. */
@QuarkusTest
class RetentionIT {
    @Inject
    Retention retention;
    @Inject
    Instances instances;

    @Test
    void purgesOnlyWhatIsOlderThanTheRetention() {
        UUID id = instances.create(Requests.local("retained", "redis://127.0.0.1:1").build(), false).id;
        QuarkusTransaction.requiringNew().run(() -> {
            SampleEntity.of(sample(id, Instant.now().minus(Duration.ofDays(6)))).persist();
            SampleEntity.of(sample(id, Instant.now().minus(Duration.ofDays(4)))).persist();
        });
        retention.purge();
        long left = QuarkusTransaction.requiringNew().call(() -> SampleEntity.count("instanceId = ?1 and at < ?2",
                id, Instant.now().minus(Duration.ofDays(3))));
        assertEquals(1, left);
        instances.delete(id);
    }

    private static MetricSample sample(UUID id, Instant at) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 1L, 1, "rediscloud:30",
                30_000_000L, 30, null, null, null, null);
    }
}
