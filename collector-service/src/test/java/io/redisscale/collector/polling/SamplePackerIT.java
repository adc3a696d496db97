package io.redisscale.collector.polling;

import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.collector.savings.LedgerFolder;
import io.redisscale.events.MetricSample;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closed hours are packed into a row per hour, status, plan and limits, and read back exactly as they were stored:
 * every field of every sample, the API's samples, steps and CSV; the newest answered sample stays where "the latest"
 * is read; packing twice packs nothing more; the retention purges packed hours.
 */
@QuarkusTest
class SamplePackerIT {
    @Inject
    SamplePacker packer;
    @Inject
    Instances instances;
    @Inject
    LedgerFolder ledger;
    @Inject
    Retention retention;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void packedHoursReadBackAsTheyWereStored() {
        // Polled meanwhile and failing (nothing listens there): those samples are now, in the open hour.
        UUID id = instances.create(Requests.local("packed", "redis://127.0.0.1:1").build(), false).id;
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Instant end = hour.plus(Duration.ofHours(2));
        List<MetricSample> stored = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // an hour at 30 s, times with microseconds, readings that move
            stored.add(ok(id, hour.plusSeconds(30L * i).plusNanos(123_456_000L + i * 1000L), 1_000_000L + i * 7_919L % 65_536, i % 17,
                    "rediscloud:30", 30_000_000L, (long) i / 10));
        }
        stored.add(new MetricSample(UUID.randomUUID(), id, hour.plusSeconds(3615), MetricSample.Status.unreachable, "timeout",
                null, null, "rediscloud:30", 30_000_000L, 30, null, null, null, null));
        for (int i = 0; i < 20; i++) { // then on a larger plan
            stored.add(ok(id, hour.plusSeconds(3630L + 30L * i), 40_000_000L - i, 3, "rediscloud:100", 100_000_000L, 12L));
        }
        QuarkusTransaction.requiringNew().run(() -> stored.forEach(s -> SampleEntity.of(s).persist()));
        List<SampleView> before = read(id, hour, end);
        String csv = csv(id, hour, end);
        String steps = steps(id, hour, end);
        assertEquals(stored.size(), before.size());

        ledger.fold();
        long packed = packer.pack();

        assertEquals(before, read(id, hour, end), "every field of every sample, in order");
        assertEquals(csv, csv(id, hour, end));
        assertEquals(steps, steps(id, hour, end));
        assertEquals(3L, count("SELECT count(*) FROM sample_block WHERE instance_id = ?1", id),
                "an hour on one plan, and the next hour's failed poll and its samples on the larger plan");
        assertEquals(1L, count("SELECT count(*) FROM sample_recent WHERE instance_id = ?1 AND at < ?2", id, end),
                "the newest answered sample stays unpacked, for the fleet page");
        assertEquals(true, packed >= stored.size() - 1);
        assertEquals(40_000_000L, count("SELECT peak_memory FROM usage_day WHERE instance_id = ?1 AND day = ?2", id,
                hour.plusSeconds(3630).atZone(java.time.ZoneOffset.UTC).toLocalDate()), "what was packed was folded");

        packer.pack();
        assertEquals(3L, count("SELECT count(*) FROM sample_block WHERE instance_id = ?1", id), "nothing packed twice");
        assertEquals(before, read(id, hour, end));
        instances.delete(id);
        assertEquals(0L, count("SELECT count(*) FROM sample_block WHERE instance_id = ?1", id), "gone with its instance");
    }

    @Test
    void theRetentionPurgesPackedHoursBeforeItsCutoff() {
        UUID id = instances.create(Requests.local("packed-old", "redis://127.0.0.1:1").build(), false).id;
        Instant old = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(6));
        Instant kept = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(4));
        QuarkusTransaction.requiringNew().run(() -> {
            SampleEntity.of(ok(id, old, 7L, 1, "rediscloud:30", 30_000_000L, 0L)).persist();
            SampleEntity.of(ok(id, kept, 5L, 1, "rediscloud:30", 30_000_000L, 0L)).persist();
            SampleEntity.of(ok(id, kept.plusSeconds(30), 6L, 1, "rediscloud:30", 30_000_000L, 0L)).persist();
        });
        ledger.fold();
        packer.pack();
        assertEquals(2L, count("SELECT count(*) FROM sample_block WHERE instance_id = ?1", id));
        retention.purge();
        assertEquals(List.of(kept), read(id, Instant.EPOCH, kept.plusSeconds(1)).stream().map(SampleView::at).toList());
        assertEquals(7L, count("SELECT peak_memory FROM usage_day WHERE instance_id = ?1 AND day = ?2", id,
                old.atZone(java.time.ZoneOffset.UTC).toLocalDate()), "the purged day's peak stays in the ledger");
        instances.delete(id);
    }

    private static List<SampleView> read(UUID id, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> StoredSample.<StoredSample>find(
                "instanceId = ?1 and at >= ?2 and at < ?3 order by at", id, from, to).list().stream().map(SampleView::of).toList());
    }

    private static String csv(UUID id, Instant from, Instant to) {
        return given().queryParam("from", from.toString()).queryParam("to", to.minusNanos(1000).toString())
                .when().get("/api/v1/instances/" + id + "/metrics.csv").then().statusCode(200).extract().asString();
    }

    private static String steps(UUID id, Instant from, Instant to) {
        return given().queryParam("from", from.toString()).queryParam("to", to.minusNanos(1000).toString()).queryParam("step", "5m")
                .when().get("/api/v1/instances/" + id + "/metrics").then().statusCode(200).extract().asString();
    }

    private static long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = StoredSample.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private static MetricSample ok(UUID id, Instant at, long used, int clients, String plan, long planMemory, long evicted) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, used, clients, plan, planMemory, 30,
                planMemory, 30, evicted, 0L);
    }
}
