package io.redisscale.collector.registry;

import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.TestInfraResource;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class InstanceApiTest {
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

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

        given().contentType(ContentType.JSON).body(body("orders-queue", ", \"plan\": \"rediscloud:100\", \"tlsAllowSelfSigned\": false, \"schedule\": {\"ranges\": []}")
                        .replace("\"dryRun\": false", "\"dryRun\": true"))
                .when().put("/api/v1/instances/" + id)
                .then().statusCode(200).body("dryRun", equalTo(true)).body("plan", equalTo("rediscloud:100"));

        given().when().get("/api/v1/instances/" + id + "/metrics").then().statusCode(200);

        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
        given().when().get("/api/v1/instances/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    /** The list comes a page at a time by name, each page linking the next; a limit out of range is a problem naming it. */
    @Test
    void theListIsPagedByName() {
        List<String> ids = new java.util.ArrayList<>();
        for (String name : List.of("paged-c", "paged-a", "paged-b")) {
            ids.add(given().contentType(ContentType.JSON).body(body(name, "")).when().post("/api/v1/instances")
                    .then().statusCode(201).extract().path("id"));
        }
        try {
            var first = given().queryParam("after", "paged-").queryParam("limit", 2).when().get("/api/v1/instances")
                    .then().statusCode(200).body("name", equalTo(List.of("paged-a", "paged-b"))).extract();
            String next = first.header("Link");
            assertTrue(next != null && next.contains("rel=\"next\"") && next.contains("after=paged-b"), next);
            String path = next.substring(next.indexOf("/api/v1/instances"), next.indexOf('>'));
            given().when().get(path).then().statusCode(200).body("name[0]", equalTo("paged-c"));
            given().queryParam("after", "paged-b").queryParam("limit", 1).when().get("/api/v1/instances")
                    .then().body("name", equalTo(List.of("paged-c")));
            given().queryParam("limit", 0).when().get("/api/v1/instances").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        } finally {
            ids.forEach(id -> given().when().delete("/api/v1/instances/" + id).then().statusCode(204));
        }
    }

    /** A schedule is stored and shown as given, changed or removed by a merge patch, and a bad one changes nothing. */
    @Test
    void aScheduleIsStoredShownPatchedAndRemoved() {
        String id = given().contentType(ContentType.JSON).body(body("scheduled", """
                        , "schedule": {"timeZone": "Europe/Berlin", "ranges": [
                          {"name": "office", "days": ["MON", "TUE", "WED", "THU", "FRI"], "from": "08:00", "to": "18:00", "minPlan": "rediscloud:100"},
                          {"name": "batch", "cron": "0 2 * * *", "durationMinutes": 90, "minPlan": "rediscloud:250"}]}"""))
                .when().post("/api/v1/instances").then().statusCode(201)
                .body("schedule.timeZone", equalTo("Europe/Berlin"))
                .body("schedule.ranges.name", equalTo(List.of("office", "batch")))
                .body("schedule.ranges[1].durationMinutes", equalTo(90)).extract().path("id");
        // The decision service reads it from the instance's event.
        try (io.redisscale.testsupport.TopicTail tail = new io.redisscale.testsupport.TopicTail(kafka,
                io.redisscale.testsupport.TestInfra.own().kafkaPrefix(), io.redisscale.events.Topics.INSTANCES)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> tail.records().stream()
                    .filter(r -> r.key().equals(id) && r.value() != null)
                    .map(r -> io.redisscale.events.Events.read(r.value(), io.redisscale.events.InstanceConfig.class).schedule())
                    .anyMatch(s -> s != null && s.ranges().size() == 2 && "0 2 * * *".equals(s.ranges().get(1).cron())));
        }
        given().contentType("application/merge-patch+json")
                .body("{\"schedule\": {\"ranges\": [{\"name\": \"launch\", \"date\": \"2026-12-24\", \"from\": \"20:00\", \"to\": \"02:00\", \"minPlan\": \"rediscloud:500\"}]}}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(200)
                .body("schedule.timeZone", equalTo("Europe/Berlin")).body("schedule.ranges.name", equalTo(List.of("launch")));
        given().contentType("application/merge-patch+json")
                .body("{\"schedule\": {\"ranges\": [{\"date\": \"2026-02-30\", \"from\": \"20:00\", \"to\": \"02:00\", \"minPlan\": \"rediscloud:500\"}]}}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("schedule.ranges[0].date"));
        given().when().get("/api/v1/instances/" + id).then().statusCode(200).body("schedule.ranges.name", equalTo(List.of("launch")));
        given().contentType("application/merge-patch+json").body("{\"schedule\": null}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(200).body("schedule.ranges.size()", equalTo(0));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void putNamesEveryMissingFieldAndChangesNothing() {
        String id = given().contentType(ContentType.JSON).body(body("put-partial", ""))
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("""
                        {"name": "put-partial", "provider": "local", "redisUrl": "redis://127.0.0.1:6399", "dryRun": true,
                         "notify": {"thresholdBreach": false}}""")
                .when().put("/api/v1/instances/" + id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("plan", "minPlan", "maxPlan", "metricRateSeconds", "recipients",
                        "tlsAllowSelfSigned", "schedule", "notify.scalingSuccess", "notify.scalingFailure"))
                .body("errors.field", not(hasItem("name"))).body("errors.field", not(hasItem("dryRun")))
                .body("errors.field", not(hasItem("herokuApp"))).body("errors.field", not(hasItem("redisUrl")));
        given().when().get("/api/v1/instances/" + id).then().statusCode(200)
                .body("dryRun", equalTo(false)).body("notify.thresholdBreach", equalTo(true));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        String id = given().contentType(ContentType.JSON).body(body("patched", ", \"plan\": \"rediscloud:100\""))
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
        given().contentType("application/merge-patch+json").body("{\"dryRun\": true, \"notify\": {\"scalingSuccess\": false}}")
                .when().patch("/api/v1/instances/" + id)
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("plan", equalTo("rediscloud:100"))
                .body("memoryThresholdPercent", equalTo(80))
                .body("notify.scalingSuccess", equalTo(false))
                .body("notify.thresholdBreach", equalTo(true))
                .body("redisUrl", equalTo("redis://127.0.0.1:6399"))
                .body("recipients", hasItem("ops@example.com"))
                .body(not(containsString("s3cret")));
        // null resets one field to its default (RFC 7396 removes it; the registration rules fill it in)
        given().contentType("application/merge-patch+json").body("{\"memoryThresholdPercent\": 70}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(200).body("memoryThresholdPercent", equalTo(70));
        given().contentType("application/merge-patch+json").body("{\"memoryThresholdPercent\": null}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(200).body("memoryThresholdPercent", equalTo(80));
        given().contentType("application/merge-patch+json").body("{\"memoryThresholdPercnt\": 70}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("memoryThresholdPercnt"));
        given().contentType("application/merge-patch+json").body("{\"memoryThresholdPercent\": 170}")
                .when().patch("/api/v1/instances/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("memoryThresholdPercent"));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void registrationsRacingForOneNameGetOneCreatedAndTheRestConflict() throws Exception {
        int n = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body("raced", "")).when().post("/api/v1/instances")
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
            List<String> ids = given().when().get("/api/v1/instances").then().extract().path("findAll { it.name == 'raced' }.id");
            ids.forEach(id -> given().when().delete("/api/v1/instances/" + id).then().statusCode(204));
        }
    }

    @Test
    void listsPlansOfAService() {
        given().when().get("/api/v1/plans?service=heroku-redis")
                .then().statusCode(200)
                .body("[0].name", equalTo("heroku-redis:mini"))
                .body("name", not(hasItem("rediscloud:30")));
    }
}
