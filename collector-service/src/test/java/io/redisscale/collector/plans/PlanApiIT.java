package io.redisscale.collector.plans;

import io.redisscale.testsupport.TestInfra;

import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A plan edited through the API is stored, shown and published on the plans topic for the other services. */
@QuarkusTest
class PlanApiIT {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void anEditedPlanIsStoredAndPublished() {
        try {
            given().contentType(ContentType.JSON)
                    .body("{\"memoryBytes\": 100000000, \"maxConnections\": 256, \"priceMonthUsd\": 9.5}")
                    .when().put("/api/v1/plans/rediscloud:100").then().statusCode(200)
                    .body("priceMonthUsd", equalTo(9.5f)).body("maxConnections", equalTo(256));
            given().when().get("/api/v1/plans/rediscloud:100").then().statusCode(200).body("priceMonthUsd", equalTo(9.5f));

            Plan published = lastPublished("rediscloud:100");
            assertEquals(new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 9.5), published);
        } finally { // the catalog back as bundled, whatever happened, for the other tests
            Plan bundled = io.redisscale.events.PlanCatalog.bundled("rediscloud").stream()
                    .filter(p -> p.name().equals("rediscloud:100")).findFirst().orElseThrow();
            given().contentType(ContentType.JSON)
                    .body("{\"memoryBytes\": %d, \"maxConnections\": %d, \"priceMonthUsd\": %s}".formatted(
                            bundled.memoryBytes(), bundled.maxConnections(), bundled.priceMonthUsd()))
                    .when().put("/api/v1/plans/rediscloud:100").then().statusCode(200);
        }
    }

    @Test
    void refusesBadPlansAndUnknownNames() {
        given().contentType(ContentType.JSON)
                .body("{\"memoryBytes\": 0, \"maxConnections\": -5, \"priceMonthUsd\": -1}")
                .when().put("/api/v1/plans/rediscloud:30").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("memoryBytes", "maxConnections", "priceMonthUsd")));
        given().contentType(ContentType.JSON).body("{\"memoryBytes\": 1, \"maxConnections\": 1, \"priceMonthUsd\": 1, \"color\": 1}")
                .when().put("/api/v1/plans/rediscloud:30").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"memoryBytes\": 1, \"maxConnections\": 1, \"priceMonthUsd\": 1}")
                .when().put("/api/v1/plans/rediscloud:nope").then().statusCode(404);
        given().when().get("/api/v1/plans/rediscloud:30").then().statusCode(200).body("memoryBytes", equalTo(30000000));
    }

    private Plan lastPublished(String name) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "group.id", "plan-api-it-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TestInfra.own().topic(Topics.PLANS)));
            Plan last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (name.equals(r.key()) && r.value() != null) {
                        last = Events.read(r.value(), Plan.class);
                    }
                }
                if (last != null && last.priceMonthUsd() == 9.5) {
                    return last;
                }
            }
            return last;
        }
    }
}
