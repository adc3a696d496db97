package io.redisscale.collector.polling;

import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Samples older than the retention are purged, newer ones kept; the purged days' peaks stay in the savings ledger. */
@QuarkusTest
class RetentionIT {
    @Inject
    Retention retention;
    @Inject
    Instances instances;

    @Test
    void purgesOnlyWhatIsOlderThanTheRetention() {
        UUID id = instances.create(Requests.local("retained", "redis://127.0.0.1:1").build(), false).id;
        Instant old = Instant.now().minus(Duration.ofDays(6));
        QuarkusTransaction.requiringNew().run(() -> {
            SampleEntity.of(sample(id, old, 7L)).persist();
            SampleEntity.of(sample(id, old.plusSeconds(30), 5L)).persist();
            SampleEntity.of(sample(id, Instant.now().minus(Duration.ofDays(4)), 1L)).persist();
        });
        assertTrue(retention.purge() >= 2);
        Number peak = QuarkusTransaction.requiringNew().call(() -> (Number) SampleEntity.getEntityManager().createNativeQuery(
                "SELECT peak_memory FROM usage_day WHERE instance_id = ?1 AND day = ?2")
                .setParameter(1, id).setParameter(2, old.atZone(java.time.ZoneOffset.UTC).toLocalDate()).getSingleResult());
        assertEquals(7L, peak.longValue(), "the purged day's peak, folded in the same pass");
        long left = QuarkusTransaction.requiringNew().call(() -> SampleEntity.count("instanceId = ?1 and at < ?2",
                id, Instant.now().minus(Duration.ofDays(3))));
        assertEquals(1, left);
        instances.delete(id);
    }

    private static MetricSample sample(UUID id, Instant at, long usedMemory) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, usedMemory, 1, "rediscloud:30",
                30_000_000L, 30, null, null, null, null);
    }
}
