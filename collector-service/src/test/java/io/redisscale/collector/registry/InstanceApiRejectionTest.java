package io.redisscale.collector.registry;

import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of bad registration: a problem+json naming the field, and nothing stored. */
@QuarkusTest
class InstanceApiRejectionTest {
    @org.junit.jupiter.api.BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }


    /** Hostile sizes: each field over its cap is named, 422, and nothing is stored or echoed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redisUrl   | redisUrl      | 3000",
            "plan       | plan          | 101",
            "name       | name          | 101",
            "recipients | recipients    | 51",
            "recipient  | recipients[0] | 255",
            "schedule   | schedule.ranges | 51"})
    void aFieldOverItsCapIsRefusedAndNamed(String what, String field, int size) {
        String body = switch (what) {
            case "redisUrl" -> "{\"name\": \"cap-1\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379/" + "x".repeat(size) + "\"}";
            case "plan" -> "{\"name\": \"cap-2\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"plan\": \"" + "p".repeat(size) + "\"}";
            case "name" -> "{\"name\": \"" + "n".repeat(size) + "\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\"}";
            case "recipients" -> "{\"name\": \"cap-3\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"recipients\": ["
                    + String.join(",", java.util.Collections.nCopies(size, "\"a@example.com\"")) + "]}";
            case "schedule" -> "{\"name\": \"cap-5\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"schedule\": {\"ranges\": ["
                    + String.join(",", java.util.Collections.nCopies(size, "{\"days\": [\"MON\"], \"from\": \"01:00\", \"to\": \"02:00\", \"minPlan\": \"rediscloud:100\"}")) + "]}}";
            default -> "{\"name\": \"cap-4\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"recipients\": [\""
                    + "r".repeat(size - 12) + "@example.com\"]}";
        };
        String answer = given().contentType("application/json").body(body).post("/api/v1/instances").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(answer.length() < 1000, "not echoed: " + answer.length() + " characters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing name        | 422 | name              | {\"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "missing provider    | 422 | provider          | {\"name\": \"bad-1\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "provider other      | 422 | provider          | {\"name\": \"bad-0\", \"provider\": \"other\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "private target      | 422 | redisUrl          | {\"name\": \"bad-p\", \"provider\": \"local\", \"redisUrl\": \"redis://10.20.30.40:6379\"}",
            "link-local target   | 422 | redisUrl          | {\"name\": \"bad-l\", \"provider\": \"local\", \"redisUrl\": \"redis://169.254.169.254:6379\"}",
            "missing redis url   | 422 | redisUrl          | {\"name\": \"bad-2\", \"provider\": \"local\"}",
            "missing heroku app  | 422 | herokuApp         | {\"name\": \"bad-3\", \"provider\": \"heroku\", \"configVar\": \"REDIS_URL\"}",
            "bad name            | 422 | name              | {\"name\": \"no spaces!\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "metric rate < 30 s  | 422 | metricRateSeconds | {\"name\": \"bad-4\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"metricRateSeconds\": 10}",
            "threshold > 100     | 422 | memoryThresholdPercent | {\"name\": \"bad-5\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"memoryThresholdPercent\": 120}",
            "bad recipient       | 422 | recipients[0]     | {\"name\": \"bad-6\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"recipients\": [\"nope\"]}",
            "unknown field       | 400 | colour            | {\"name\": \"bad-7\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"colour\": \"red\"}",
            "wrong type          | 400 | metricRateSeconds | {\"name\": \"bad-8\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"metricRateSeconds\": \"fast\"}",
            "unknown plan        | 422 | maxPlan           | {\"name\": \"bad-9\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"maxPlan\": \"rediscloud:7\"}",
            "min above max       | 422 | minPlan           | {\"name\": \"bad-10\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"minPlan\": \"rediscloud:1000\", \"maxPlan\": \"rediscloud:100\"}",
            "schedule: bad cron  | 422 | schedule.ranges[0].cron | {\"name\": \"bad-12\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"schedule\": {\"ranges\": [{\"cron\": \"every night\", \"durationMinutes\": 60, \"minPlan\": \"rediscloud:100\"}]}}",
            "schedule: bad zone  | 422 | schedule.timeZone | {\"name\": \"bad-13\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"schedule\": {\"timeZone\": \"Mars/Base\", \"ranges\": []}}",
            "schedule over max   | 422 | schedule.ranges[0].minPlan | {\"name\": \"bad-14\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"maxPlan\": \"rediscloud:250\", \"schedule\": {\"ranges\": [{\"days\": [\"SAT\"], \"from\": \"10:00\", \"to\": \"12:00\", \"minPlan\": \"rediscloud:1000\"}]}}",
            "schedule: no times  | 422 | schedule.ranges[0].from | {\"name\": \"bad-15\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"schedule\": {\"ranges\": [{\"days\": [\"SAT\"], \"maxPlan\": \"rediscloud:100\"}]}}",
            "elasticache: region | 422 | region          | {\"name\": \"bad-16\", \"provider\": \"elasticache\", \"replicationGroupId\": \"orders\", \"region\": \"virginia\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "elasticache: group  | 422 | replicationGroupId | {\"name\": \"bad-17\", \"provider\": \"elasticache\", \"replicationGroupId\": \"1-bad\", \"region\": \"us-east-1\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "group on local      | 422 | replicationGroupId | {\"name\": \"bad-18\", \"provider\": \"local\", \"replicationGroupId\": \"orders\", \"redisUrl\": \"redis://127.0.0.1:6379\"}",
            "plans of two services | 422 | maxPlan         | {\"name\": \"bad-11\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\", \"minPlan\": \"rediscloud:30\", \"maxPlan\": \"heroku-redis:premium-2\"}",
    })
    void refusesWithProblemJsonAndStoresNothing(String label, int status, String field, String json) {
        int before = given().when().get("/api/v1/instances").then().extract().path("size()");
        given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/instances")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
        given().when().get("/api/v1/instances").then().body("size()", equalTo(before));
    }

    @ParameterizedTest(name = "duplicate name")
    @CsvSource("dup-name")
    void refusesADuplicateName(String name) {
        String json = InstanceApiTest.body(name, "");
        given().contentType(ContentType.JSON).body(json).when().post("/api/v1/instances").then().statusCode(201);
        given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/instances")
                .then().statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().when().get("/api/v1/instances").then().body("findAll { it.name == '" + name + "' }.size()", equalTo(1));
    }

    @ParameterizedTest(name = "malformed JSON")
    @CsvSource(delimiter = '|', value = "{\"name\": ")
    void refusesMalformedJson(String json) {
        given().contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/instances")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", org.hamcrest.Matchers.startsWith("the body is not valid JSON"));
    }

    /** The framework's own refusals read like ours: problem+json with a sentence, never a bare "HTTP 404 Not Found". */
    @org.junit.jupiter.api.Test
    void anIdThatIsNotOneAndABrokenPatchSaySo() {
        given().when().get("/api/v1/instances/not-a-uuid").then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("an instance id is a UUID"));
        given().contentType("application/merge-patch+json").body("{\"dryRun\": tru")
                .when().patch("/api/v1/instances/" + java.util.UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.startsWith("the body is not valid JSON"));
    }
}
