package io.redisscale.collector.registry;

import io.redisscale.collector.TestKafka;
import io.redisscale.collector.heroku.HerokuPlanRefreshIT;
import io.redisscale.testsupport.TlsRedisServer;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.HerokuWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registration of a Heroku instance resolves its add-on through the Platform API (WireMock here). */
@QuarkusTest
@QuarkusTestResource(value = HerokuWireMock.class, restrictToAnnotatedClass = true)
public class HerokuRegistrationIT {
    /** The shape of GET /apps/{app}/addons: add-on objects with their service, app, plan and config vars. */
    static final String ADDONS = """
            [{"id": "6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f", "name": "rediscloud-cubic-41782",
              "addon_service": {"id": "8a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d", "name": "rediscloud"},
              "app": {"id": "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809", "name": "carnot-iot"},
              "plan": {"id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "name": "rediscloud:100"},
              "state": "provisioned", "config_vars": ["REDISCLOUD_URL"],
              "created_at": "2024-03-01T10:00:00Z", "updated_at": "2026-11-01T09:30:00Z"},
             {"id": "9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0", "name": "postgresql-round-22",
              "addon_service": {"id": "6c67493d-8fc2-4cd4-9161-4f1ec11cbe69", "name": "heroku-postgresql"},
              "app": {"id": "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809", "name": "carnot-iot"},
              "plan": {"id": "5f4e3d2c-1b0a-4988-8766-554433221100", "name": "heroku-postgresql:essential-0"},
              "state": "provisioned", "config_vars": ["DATABASE_URL"]}]
            """;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @BeforeEach
    void stubs() {
        HerokuWireMock.server.resetAll();
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/carnot-iot/addons"))
                .withHeader("Authorization", equalTo("Bearer test-heroku-key"))
                .withHeader("Accept", equalTo("application/vnd.heroku+json; version=3"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ADDONS)));
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/no-such-app/addons")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"not_found\", \"message\": \"Couldn't find that app.\", \"resource\": \"app\"}")));
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/locked-app/addons")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"forbidden\", \"message\": \"You do not have access to the app locked-app.\"}")));
    }

    public static String body(String name, String app, String configVar, String extra) {
        return """
                {"name": "%s", "provider": "heroku", "herokuApp": "%s", "configVar": "%s"%s}
                """.formatted(name, app, configVar, extra);
    }

    @Test
    void resolvesTheAddonBehindTheConfigVar() {
        given().contentType(ContentType.JSON).body(body("jobs-queue", "carnot-iot", "REDISCLOUD_URL", ""))
                .when().post("/api/v1/instances")
                .then().statusCode(201)
                .body("addonId", org.hamcrest.Matchers.equalTo("6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f"))
                .body("service", org.hamcrest.Matchers.equalTo("rediscloud"))
                .body("plan", org.hamcrest.Matchers.equalTo("rediscloud:100"))
                .body("minPlan", org.hamcrest.Matchers.equalTo("rediscloud:30"));
        HerokuWireMock.server.verify(1, getRequestedFor(urlEqualTo("/apps/carnot-iot/addons")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "app missing         | no-such-app | REDISCLOUD_URL | ''                                  | herokuApp | Couldn't find that app",
            "no access           | locked-app  | REDISCLOUD_URL | ''                                  | herokuApp | lacks access",
            "config var missing  | carnot-iot  | REDIS_URL      | ''                                  | configVar | no add-on of app 'carnot-iot' sets REDIS_URL",
            "not a Redis add-on  | carnot-iot  | DATABASE_URL   | ''                                  | configVar | not supported",
            "plan of another service | carnot-iot | REDISCLOUD_URL | ', \"maxPlan\": \"heroku-redis:premium-2\"' | maxPlan | is a heroku-redis plan",
    })
    void refusesWithTheReasonAndStoresNothing(String label, String app, String configVar, String extra, String field,
                                             String message) {
        String name = "refused-" + Math.abs(label.hashCode());
        given().contentType(ContentType.JSON).body(body(name, app, configVar, extra))
                .when().post("/api/v1/instances")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body(containsString(message));
        given().when().get("/api/v1/instances").then().body("name", org.hamcrest.Matchers.not(hasItem(name)));
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "test.redis.host")
    String redisHost;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "test.redis.port")
    int redisPort;

    private static void configVar(String url) {
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/carnot-iot/config-vars")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"REDISCLOUD_URL\": \"" + url + "\", \"DATABASE_URL\": \"postgres://u:p@db.example.com:5432/d\"}")));
    }

    private String register(String name) {
        return given().contentType(ContentType.JSON).body(body(name, "carnot-iot", "REDISCLOUD_URL", ", \"metricRateSeconds\": 30"))
                .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
    }

    @Test
    void pollsTheRedisTheConfigVarNamesAndFollowsARotation() {
        // First the URL points at a closed port; after that poll fails, the app's config var "rotates".
        configVar("redis://:s3cret@127.0.0.1:1");
        String id = register("rotating");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id + "/metrics").then()
                        .body("[0].status", org.hamcrest.Matchers.equalTo("unreachable"))
                        .body("[0].errorClass", org.hamcrest.Matchers.equalTo("refused")));
        configVar("redis://" + redisHost + ":" + redisPort);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id + "/metrics").then()
                        .body("[0].status", org.hamcrest.Matchers.equalTo("ok")));
        given().when().get("/api/v1/instances/" + id).then().body(org.hamcrest.Matchers.not(containsString("s3cret")));
        HerokuWireMock.server.verify(2, getRequestedFor(urlEqualTo("/apps/carnot-iot/config-vars")));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anOutcomeMakesTheOwnerReadTheAddonsPlanAtOnce() throws Exception {
        String addon = "/apps/carnot-iot/addons/6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f";
        HerokuWireMock.server.stubFor(get(urlEqualTo(addon)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("RateLimit-Remaining", "4400")
                .withBody(HerokuPlanRefreshIT.addon("carnot-iot", "6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f", "rediscloud:250"))));
        configVar("redis://" + redisHost + ":" + redisPort);
        String id = register("after-outcome");
        java.util.UUID instance = java.util.UUID.fromString(id);
        // The regular read is up to 15 minutes away; a succeeded outcome of the autoscaler's own change
        // brings it forward, and Heroku's word (rediscloud:250) wins over the outcome's (rediscloud:1000).
        java.util.UUID command = java.util.UUID.randomUUID();
        java.time.Instant now = java.time.Instant.now();
        TestKafka.send(kafka, io.redisscale.events.Topics.SCALE_COMMANDS, id, io.redisscale.events.Events.write(
                new io.redisscale.events.ScaleCommand(command, instance, "rediscloud:100", "rediscloud:1000",
                        io.redisscale.events.ScaleCommand.Direction.up, io.redisscale.events.ReasonCode.sustained_breach,
                        "test", null, null, now)));
        TestKafka.send(kafka, io.redisscale.events.Topics.SCALE_OUTCOMES, id, io.redisscale.events.Events.write(
                new io.redisscale.events.ScaleOutcome(java.util.UUID.randomUUID(), command, instance,
                        io.redisscale.events.ScaleOutcome.Status.succeeded, null, "rediscloud:100", "rediscloud:1000", "done",
                        now, now.plusSeconds(1), 1000, null, null)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id).then().body("plan", org.hamcrest.Matchers.equalTo("rediscloud:250")));
        HerokuWireMock.server.verify(getRequestedFor(urlEqualTo(addon)));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void pollsAHerokuRedisOverTlsThroughItsConfigVar() throws Exception {
        try (TlsRedisServer tls = new TlsRedisServer("heroku-tls-" + java.util.UUID.randomUUID())) {
            configVar(tls.url(tls.password)); // rediss://, self-signed, as Heroku Key-Value Store gives it
            String id = given().contentType(ContentType.JSON).body(body("tls-heroku", "carnot-iot", "REDISCLOUD_URL",
                            ", \"metricRateSeconds\": 30, \"tlsAllowSelfSigned\": true"))
                    .when().post("/api/v1/instances").then().statusCode(201).extract().path("id");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/api/v1/instances/" + id).then()
                            .body("lastSample.status", org.hamcrest.Matchers.equalTo("ok"))
                            .body("reachable", org.hamcrest.Matchers.equalTo(true))
                            .body(org.hamcrest.Matchers.not(containsString(tls.password))));
            given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
        }
    }

    @Test
    void validateFalseAsksHerokuNothing() {
        given().contentType(ContentType.JSON).body(body("unchecked", "no-such-app", "REDIS_URL", ""))
                .when().post("/api/v1/instances?validate=false")
                .then().statusCode(201);
        HerokuWireMock.server.verify(0, getRequestedFor(urlEqualTo("/apps/no-such-app/addons")));
    }
}
