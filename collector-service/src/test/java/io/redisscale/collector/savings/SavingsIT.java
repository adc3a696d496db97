package io.redisscale.collector.savings;

import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.Retention;
import io.redisscale.collector.polling.SampleEntity;
import io.redisscale.collector.polling.StoredSample;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import io.redisscale.testsupport.ApiAuth;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The savings ledger through the API on the real database: plan history written as the plan moves, daily
 * peaks kept past the sample purge, and the figures against both baselines.
 */
@QuarkusTest
class SavingsIT {
    @Inject
    Instances instances;
    @Inject
    Retention retention;

    @BeforeEach
    void token() {
        ApiAuth.useTestToken();
    }

    @AfterEach
    void noFilters() {
        ApiAuth.useTestToken();
    }

    @Test
    void costAgainstBothBaselinesOutlivesThePurge() {
        UUID id = instances.create(Requests.local("ledger-1", "redis://127.0.0.1:1").plan("rediscloud:500")
                .memoryThresholdPercent(80).connectionThresholdPercent(80).build(), false).id;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(10));
        QuarkusTransaction.requiringNew().run(() -> {
            // Registered ten days ago on 500 MB, moved to 100 MB five days ago.
            InstanceEntity.getEntityManager().createNativeQuery("DELETE FROM plan_history WHERE instance_id = ?1")
                    .setParameter(1, id).executeUpdate();
            Ledger.planFrom(id, "rediscloud:500", 80, 80, from);
            Ledger.planFrom(id, "rediscloud:100", 80, 80, now.minus(Duration.ofDays(5)));
            // The period's peak, 60 MB, six days ago: past the 5-day retention, kept only by the ledger.
            SampleEntity.of(sample(id, now.minus(Duration.ofDays(6)), 60_000_000L)).persist();
            SampleEntity.of(sample(id, now.minus(Duration.ofDays(2)), 20_000_000L)).persist();
        });
        retention.purge();
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() ->
                StoredSample.count("instanceId = ?1 and at < ?2", id, now.minus(Duration.ofDays(5)))), "the old sample is purged");

        double p500 = price("rediscloud:500");
        double p100 = price("rediscloud:100");
        JsonPath report = given().queryParam("instance", id.toString()).queryParam("period", "total")
                .queryParam("from", from.toString()).queryParam("to", now.toString())
                .when().get("/api/v1/savings").then().statusCode(200).extract().jsonPath();
        String line = "instances[0].periods[0].";
        assertEquals(cents(p500 / 3), report.getDouble(line + "registeredUsd"), 0.011, "ten days on the registered plan");
        assertEquals(cents(p500 / 6 + p100 / 6), report.getDouble(line + "costUsd"), 0.011, "five days on each plan");
        assertEquals("rediscloud:500", report.getString(line + "registeredPlan"));
        // 60 MB under 80 %: the 100 MB plan is the cheapest that held the period's peak.
        assertEquals("rediscloud:100", report.getString(line + "rightSizedPlan"));
        assertEquals(cents(p100 / 3), report.getDouble(line + "rightSizedUsd"), 0.011);
        assertEquals(cents(p500 / 3 - (p500 / 6 + p100 / 6)), report.getDouble(line + "savedVsRegisteredUsd"), 0.02);
        assertEquals(report.getDouble(line + "costUsd"), report.getDouble("fleet[0].costUsd"), 0.001, "one instance: the fleet is it");
        instances.delete(id);
    }

    @Test
    void aPlanMoveIsRecordedOnce() {
        UUID id = instances.create(Requests.local("ledger-2", "redis://127.0.0.1:1").plan("rediscloud:500").build(), false).id;
        instances.planChanged(id, "rediscloud:250");
        instances.planChanged(id, "rediscloud:250");
        assertEquals(java.util.List.of("rediscloud:500", "rediscloud:250"), QuarkusTransaction.requiringNew().call(() ->
                Ledger.history(java.util.List.of(id)).get(id).stream().map(Savings.PlanSince::plan).toList()));
        given().queryParam("period", "day").when().get("/api/v1/savings").then().statusCode(200)
                .body("currency", equalTo("USD")).body("period", equalTo("day"));
        instances.delete(id);
    }

    @Test
    void historyExportsInTheBacktestersTraceFormat() {
        UUID id = instances.create(Requests.local("ledger-3", "redis://127.0.0.1:1").plan("rediscloud:500").build(), false).id;
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2)); // within the retention
        QuarkusTransaction.requiringNew().run(() -> {
            SampleEntity.of(sample(id, at.plusSeconds(30), 2_000_000L)).persist();
            SampleEntity.of(sample(id, at, 1_000_000L)).persist();
            SampleEntity.of(new MetricSample(UUID.randomUUID(), id, at.plusSeconds(60), MetricSample.Status.unreachable,
                    "timeout", null, null, "rediscloud:500", 500_000_000L, 256, null, null, null, null)).persist();
        });
        String csv = given().when().get("/api/v1/instances/" + id + "/metrics.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertEquals("timestamp,used_memory,connected_clients\n" + at.getEpochSecond() + ",1000000,5\n"
                + (at.getEpochSecond() + 30) + ",2000000,5\n", csv, "oldest first, failed polls left out");
        instances.delete(id);
    }

    @Test
    void badInputIsAProblemAndATokenIsNeeded() {
        given().queryParam("period", "week").when().get("/api/v1/savings").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        given().queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/api/v1/savings").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("instance", UUID.randomUUID().toString()).when().get("/api/v1/savings").then().statusCode(404);
        // Bounded work: a span from year 1 would be 24,300 months for every instance.
        given().queryParam("from", "0001-01-01T00:00:00Z").queryParam("period", "month").when().get("/api/v1/savings").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        ApiAuth.noToken();
        given().when().get("/api/v1/savings").then().statusCode(401);
    }

    private static double price(String plan) {
        return QuarkusTransaction.requiringNew().call(() -> PlanEntity.<PlanEntity>findById(plan).priceMonthUsd);
    }

    private static double cents(double usd) {
        return Math.round(usd * 100) / 100.0;
    }

    private static MetricSample sample(UUID id, Instant at, long used) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, used, 5, "rediscloud:500",
                500_000_000L, 256, null, null, null, null);
    }

    /**
     * Reading the savings takes no lock: a fold holding the ledger's watermark row (another replica's, or a
     * slow one) does not hold up the fleet page or the API, which read the folded ledger and the samples since.
     */
    @Test
    void aReadWaitsForNoFold() throws Exception {
        jakarta.transaction.TransactionManager tm = io.quarkus.arc.Arc.container().instance(jakarta.transaction.TransactionManager.class).get();
        java.util.concurrent.CompletableFuture<Integer> read;
        tm.begin();
        try {
            // As a fold does: the watermark row locked until its transaction ends.
            SampleEntity.getEntityManager().createNativeQuery("SELECT up_to FROM usage_rollup WHERE id = 1 FOR UPDATE").getSingleResult();
            read = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().when().get("/api/v1/savings").then().extract().statusCode());
            org.awaitility.Awaitility.await("a read while the fold holds its lock").atMost(Duration.ofSeconds(20)).until(read::isDone);
        } finally {
            tm.rollback();
        }
        assertEquals(200, read.get());
    }
}
