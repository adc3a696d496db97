package io.redisscale.collector.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TestInfraResource;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instances as code through the API behind {@code ./autoscaler apply} and {@code export}: a dry run changes nothing,
 * applying is idempotent, a changed setting is an update naming it, prune deletes what the file no longer declares,
 * a bad entry refuses the whole file, and an export applied back changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class InstancesAsCodeIT {
    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    static String file(int threshold, boolean withB) {
        return """
                instances:
                  - name: iac-a
                    provider: local
                    redisUrl: redis://:pa55@127.0.0.1:6399
                    memoryThresholdPercent: %d
                    minPlan: rediscloud:30
                    maxPlan: rediscloud:1000
                    schedule:
                      timeZone: Europe/Berlin
                      ranges:
                        - {name: batch, cron: "0 2 * * *", durationMinutes: 90, minPlan: rediscloud:250}
                """.formatted(threshold) + (withB ? """
                  - name: iac-b
                    provider: local
                    redisUrl: redis://127.0.0.1:6398
                """ : "");
    }

    static io.restassured.response.ValidatableResponse apply(String file, String query) {
        // Sent as the CLI sends it: the file's bytes, as YAML.
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)))
                .contentType("application/yaml").body(file).post("/api/v1/instances/apply" + (query.isEmpty() ? "" : "?" + query)).then();
    }

    @Test
    void theFleetBecomesWhatTheFileSays() {
        apply(file(80, true), "dryRun=true").statusCode(200).body("dryRun", equalTo(true))
                .body("changes.findAll { it.name.startsWith('iac-') }.action", equalTo(List.of("create", "create")));
        given().get("/api/v1/instances").then().body("name", not(hasItem("iac-a")));

        apply(file(80, true), "").statusCode(200).body("changes.action", equalTo(List.of("create", "create")));
        given().get("/api/v1/instances").then().body("name", hasItem("iac-a")).body("name", hasItem("iac-b"));
        apply(file(80, true), "").statusCode(200).body("changes.action", equalTo(List.of("unchanged", "unchanged")));

        // A bad entry refuses the whole file, naming it; nothing of it is applied.
        apply(file(75, true).replace("redisUrl: redis://127.0.0.1:6398", "redisUrl: redis://127.0.0.1:6398\n    metricRateSeconds: 7"), "")
                .statusCode(422).body("errors.field", hasItem("instances[1].metricRateSeconds"));
        given().get("/api/v1/instances").then().body("find { it.name == 'iac-a' }.memoryThresholdPercent", equalTo(80));

        apply(file(75, false), "prune=true&dryRun=true").statusCode(200)
                .body("changes.find { it.name == 'iac-a' }.fields", equalTo(List.of("memoryThresholdPercent")))
                .body("changes.find { it.name == 'iac-b' }.action", equalTo("delete"));
        apply(file(75, false), "prune=true").statusCode(200);
        given().get("/api/v1/instances").then().body("name", not(hasItem("iac-b")))
                .body("find { it.name == 'iac-a' }.memoryThresholdPercent", equalTo(75));

        // The export is the file's shape with the secret as a reference; filled in and applied back, nothing changes.
        String exported = given().get("/api/v1/instances/export").then().statusCode(200)
                .body(containsString("${IAC_A_REDIS_URL}")).body(not(containsString("pa55"))).extract().asString();
        assertTrue(exported.contains("name: iac-a") && exported.contains("0 2 * * *"), exported);
        String mine = exported.substring(exported.indexOf("- name: iac-a"));
        mine = mine.contains("\n- ") ? mine.substring(0, mine.indexOf("\n- ") + 1) : mine;
        apply("instances:\n" + mine.replace("${IAC_A_REDIS_URL}", "redis://:pa55@127.0.0.1:6399"), "").statusCode(200)
                .body("changes.action", equalTo(List.of("unchanged")));
        apply("instances: []\n", "").statusCode(200);
        given().get("/api/v1/instances").then().body("find { it.name == 'iac-a' }.name", equalTo("iac-a"));
        apply("{not: yaml: [", "").statusCode(400).body("errors[0].field", equalTo("file"));
        apply("instances:\n  - {name: twice, provider: local}\n  - {name: twice, provider: local}\n", "dryRun=true")
                .statusCode(400).body("errors[0].field", equalTo("instances[1].name"));
    }
}
