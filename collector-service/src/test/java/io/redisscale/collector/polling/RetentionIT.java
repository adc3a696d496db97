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
        long left = QuarkusTransaction.requiringNew().call(() -> StoredSample.count("instanceId = ?1 and at < ?2",
                id, Instant.now().minus(Duration.ofDays(3))));
        assertEquals(1, left);
        instances.delete(id);
    }

    /**
     * The ledger is kept COLLECTOR_LEDGER_KEEP_DAYS (730): older daily peaks go, and plan history entries replaced
     * before the cutoff go, while the entry in force at the cutoff stays to price what follows.
     */
    @Test
    void theLedgerIsKeptForItsOwnDaysAndNoLonger() {
        UUID id = instances.create(Requests.local("ledger-kept", "redis://127.0.0.1:1").build(), false).id;
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofDays(800));
        QuarkusTransaction.requiringNew().run(() -> {
            sql("INSERT INTO usage_day VALUES (?1, ?2, 9, 1)", id, longAgo.atZone(java.time.ZoneOffset.UTC).toLocalDate());
            sql("INSERT INTO usage_day VALUES (?1, ?2, 8, 1)", id, now.minus(Duration.ofDays(700)).atZone(java.time.ZoneOffset.UTC).toLocalDate());
            sql("DELETE FROM plan_history WHERE instance_id = ?1", id, null);
            sql("INSERT INTO plan_history (instance_id, plan, price_month_usd, from_at) VALUES (?1, 'rediscloud:30', 0, ?2)", id, longAgo);
            sql("INSERT INTO plan_history (instance_id, plan, price_month_usd, from_at) VALUES (?1, 'rediscloud:100', 10, ?2)", id,
                    longAgo.plus(Duration.ofDays(10)));
            sql("INSERT INTO plan_history (instance_id, plan, price_month_usd, from_at) VALUES (?1, 'rediscloud:250', 26, ?2)", id,
                    now.minus(Duration.ofDays(100)));
        });
        retention.purge();
        assertEquals(java.util.List.of(8L), QuarkusTransaction.requiringNew().call(() -> SampleEntity.getEntityManager()
                .createNativeQuery("SELECT peak_memory FROM usage_day WHERE instance_id = ?1").setParameter(1, id).getResultList()
                .stream().map(n -> ((Number) n).longValue()).toList()));
        assertEquals(java.util.List.of("rediscloud:100", "rediscloud:250"), QuarkusTransaction.requiringNew().call(() -> SampleEntity
                .getEntityManager().createNativeQuery("SELECT plan FROM plan_history WHERE instance_id = ?1 ORDER BY from_at")
                .setParameter(1, id).getResultList()), "the plan in force at the cutoff stays");
        instances.delete(id);
    }

    private static void sql(String statement, UUID id, Object second) {
        var q = SampleEntity.getEntityManager().createNativeQuery(statement).setParameter(1, id);
        if (second != null) {
            q.setParameter(2, second);
        }
        q.executeUpdate();
    }

    private static MetricSample sample(UUID id, Instant at, long usedMemory) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, usedMemory, 1, "rediscloud:30",
                30_000_000L, 30, null, null, null, null);
    }
}
