package io.redisscale.collector.polling;

import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code step} folds stored samples per bucket in the database: max and mean, unreachable counted. */
@QuarkusTest
class MetricsStepIT {
    /** An hour within the retention (a fixed date fell out of it as the calendar moved on), on a 5-minute boundary. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(3));

    @Inject
    Instances instances;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void foldsSamplesIntoSteps() {
        UUID id = instances.create(Requests.local("stepped", "redis://127.0.0.1:1").build(), false).id;
        QuarkusTransaction.requiringNew().run(() -> {
            // Bucket 10:00-10:05: 100, 300 bytes; bucket 10:05-10:10: 1000 bytes and one failed poll.
            SampleEntity.of(ok(id, T0, 100, 2)).persist();
            SampleEntity.of(ok(id, T0.plusSeconds(60), 300, 6)).persist();
            SampleEntity.of(ok(id, T0.plusSeconds(300), 1000, 10)).persist();
            SampleEntity.of(new MetricSample(UUID.randomUUID(), id, T0.plusSeconds(330), MetricSample.Status.unreachable,
                    "timeout", null, null, "rediscloud:30", 30_000_000L, 30, null, null, null, null)).persist();
        });
        String path = "/api/v1/instances/" + id + "/metrics";

        given().queryParam("from", T0.toString()).queryParam("to", T0.plusSeconds(3600).toString())
                .queryParam("step", "5m")
                .when().get(path).then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].at", equalTo(T0.plusSeconds(300).toString()))
                .body("[0].samples", equalTo(2)).body("[0].unreachable", equalTo(1))
                .body("[0].usedMemoryMax", equalTo(1000))
                .body("[1].samples", equalTo(2)).body("[1].unreachable", equalTo(0))
                .body("[1].usedMemoryMax", equalTo(300)).body("[1].usedMemoryMean", equalTo(200))
                .body("[1].connectedClientsMax", equalTo(6)).body("[1].connectedClientsMean", equalTo(4));
        // The instance is polled meanwhile (and fails): those samples are now, outside this hour.
        given().queryParam("from", T0.toString()).queryParam("to", T0.plusSeconds(3599).toString())
                .queryParam("step", "PT1H").when().get(path).then().statusCode(200)
                .body("", hasSize(1)).body("[0].samples", equalTo(4));
        given().queryParam("from", T0.toString()).queryParam("to", T0.plusSeconds(3599).toString())
                .when().get(path).then().statusCode(200).body("", hasSize(4));

        for (String bad : new String[] {"0", "soon", "2d", "-5m"}) {
            given().queryParam("step", bad).when().get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("step"));
        }
        given().queryParam("from", T0.toString()).queryParam("to", T0.minusSeconds(1).toString())
                .when().get(path).then().statusCode(400).body("errors[0].field", equalTo("to"));
        instances.delete(id);
    }

    private static MetricSample ok(UUID id, Instant at, long memory, int clients) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, memory, clients,
                "rediscloud:30", 30_000_000L, 30, null, null, null, null);
    }
}
