package io.redisscale.collector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.TestInfraResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class InstanceApiTest {
    @org.junit.jupiter.api.BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }


    static String body(String name, String extra) {
        return """
                {"name": "%s", "provider": "local", "redisUrl": "redis://:s3cret@127.0.0.1:6399",
                 "metricRateSeconds": 30, "scalingRateSeconds": 60, "memoryThresholdPercent": 80,
                 "connectionThresholdPercent": 80, "scalingEnabled": true, "dryRun": false,
                 "minPlan": "rediscloud:30", "maxPlan": "rediscloud:1000",
                 "notify": {"thresholdBreach": true, "scalingSuccess": true, "scalingFailure": true},
                 "recipients": ["ops@example.com"]%s}
                """.formatted(name, extra);
    }

    @Test
    void registersReadsUpdatesAndDeletes() {
        String id = given().contentType(ContentType.JSON).body(body("orders-queue", ""))
                .when().post("/api/v1/instances")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("plan", equalTo("rediscloud:30"))
                .body("service", equalTo("rediscloud"))
                .body("redisUrl", equalTo("redis://127.0.0.1:6399"))
                .body(not(containsString("s3cret")))
                .extract().path("id");

        given().when().get("/api/v1/instances/" + id)
                .then().statusCode(200).body("name", equalTo("orders-queue")).body("notify.scalingSuccess", equalTo(true));
        given().when().get("/api/v1/instances")
                .then().statusCode(200).body("name", hasItem("orders-queue")).body(not(containsString("s3cret")));

        given().contentType(ContentType.JSON).body(body("orders-queue", ", \"dryRun\": true").replace("\"dryRun\": false,", ""))
                .when().put("/api/v1/instances/" + id)
                .then().statusCode(200).body("dryRun", equalTo(true));

        given().when().get("/api/v1/instances/" + id + "/metrics").then().statusCode(200);

        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
        given().when().get("/api/v1/instances/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void listsPlansOfAService() {
        given().when().get("/api/v1/plans?service=heroku-redis")
                .then().statusCode(200)
                .body("[0].name", equalTo("heroku-redis:mini"))
                .body("name", not(hasItem("rediscloud:30")));
    }
}
