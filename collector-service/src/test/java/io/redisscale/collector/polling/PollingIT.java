package io.redisscale.collector.polling;

import io.redisscale.runtime.ErrorClass;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Polls a real Redis: INFO is read and parsed, and a registered instance's samples are stored. */
@QuarkusTest
class PollingIT {
    @org.junit.jupiter.api.BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Inject
    RedisInfoReader reader;

    @Inject
    Instances instances;

    @ConfigProperty(name = "test.redis.host")
    String redisHost;

    @ConfigProperty(name = "test.redis.port")
    int redisPort;

    @Test
    void readsInfoOfARealRedis() {
        RedisInfo info = reader.read(UUID.randomUUID(), "redis://" + redisHost + ":" + redisPort, false)
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(info.usedMemory() > 0, "used_memory " + info.usedMemory());
        assertTrue(info.connectedClients() >= 1);
        assertTrue(info.maxclients() != null && info.maxclients() > 0);
    }

    @Test
    void aClosedPortIsClassifiedAsRefused() {
        Throwable failure = reader.read(UUID.randomUUID(), "redis://127.0.0.1:1", false).onItem().transform(i -> (Throwable) null)
                .onFailure().recoverWithItem(t -> t).await().atMost(Duration.ofSeconds(10));
        assertEquals("refused", ErrorClass.of(failure));
    }

    @Test
    void aRegisteredInstanceIsPolledAndItsSamplesStored() {
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "polled", "provider": "local", "redisUrl": "redis://%s:%d", "metricRateSeconds": 30}
                        """.formatted(redisHost, redisPort))
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id + "/metrics").then().statusCode(200)
                        .body("size()", greaterThan(0))
                        .body("[0].status", equalTo("ok"))
                        .body("[0].plan", equalTo("rediscloud:30")));
        List<Integer> memory = given().when().get("/api/v1/instances/" + id + "/metrics").then().extract().path("usedMemory");
        assertTrue(memory.get(0) > 0);
        given().when().get("/api/v1/instances/" + id).then().body("reachable", equalTo(true))
                .body("lastSample.status", equalTo("ok"));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    /** Poll targets are held in memory: an edited URL is polled from the next period on, not the old one. */
    @Test
    void anEditedUrlIsPolledFromTheNextPeriod() {
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "edited-url", "provider": "local", "redisUrl": "redis://127.0.0.1:1", "metricRateSeconds": 30}
                        """)
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/v1/instances/" + id).then()
                    .body("lastSample.status", equalTo("unreachable")).body("lastSample.errorClass", equalTo("refused")));
            given().contentType("application/merge-patch+json").body("""
                            {"redisUrl": "redis://%s:%d"}
                            """.formatted(redisHost, redisPort))
                    .when().patch("/api/v1/instances/" + id).then().statusCode(200);
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> given().when().get("/api/v1/instances/" + id).then()
                    .body("lastSample.status", equalTo("ok")));
        } finally {
            given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
        }
    }

    /**
     * A second deployment sharing the database sealed one instance's URL with its own key: that instance
     * is marked (a failed poll of class sealed_key), and every other instance is still polled.
     */
    @Test
    void anInstanceSealedWithAnotherKeyStopsOnlyItself() {
        String url = "redis://" + redisHost + ":" + redisPort;
        UUID foreign = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            InstanceEntity e = instances.create(Requests.local("foreign-key", url).metricRateSeconds(30).build(), false);
            e.redisUrlSealed = new io.redisscale.runtime.SealedSecret("another clone's key").seal(url);
            return e.id;
        });
        String healthy = given().contentType(ContentType.JSON).body("""
                        {"name": "healthy-neighbour", "provider": "local", "redisUrl": "%s", "metricRateSeconds": 30}
                        """.formatted(url))
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                given().when().get("/api/v1/instances/" + foreign).then()
                        .body("lastSample.status", equalTo("unreachable")).body("lastSample.errorClass", equalTo("sealed_key"));
                given().when().get("/api/v1/instances/" + healthy).then().body("lastSample.status", equalTo("ok"));
            });
        } finally {
            given().when().delete("/api/v1/instances/" + foreign).then().statusCode(204);
            given().when().delete("/api/v1/instances/" + healthy).then().statusCode(204);
        }
    }
}
