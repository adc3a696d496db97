package io.redisscale.collector.heroku;

import io.redisscale.collector.registry.HerokuRegistrationIT;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.HerokuWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan of a Heroku add-on is read again in the background; Heroku's 429 pauses every call. */
@QuarkusTest
@TestProfile(HerokuPlanRefreshIT.FastRefresh.class)
@QuarkusTestResource(value = HerokuWireMock.class, restrictToAnnotatedClass = true)
public class HerokuPlanRefreshIT {
    public static class FastRefresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("collector.heroku-plan-refresh", "1s", "collector.heroku-refresh-tick", "1s",
                    "collector.heroku-hourly-calls", "100000", "collector.heroku-rate-limit-pause", "5s",
                    "collector.heroku-background-floor", "0");
        }
    }

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    /** One add-on object as Heroku returns it from GET /apps/{app}/addons/{id}. */
    public static String addon(String app, String id, String plan) {
        return """
                {"id": "%s", "name": "rediscloud-shaped-12", "addon_service": {"id": "8a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d",
                 "name": "rediscloud"}, "app": {"id": "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809", "name": "%s"},
                 "plan": {"id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "name": "%s"}, "state": "provisioned",
                 "config_vars": ["REDISCLOUD_URL"], "created_at": "2024-03-01T10:00:00Z", "updated_at": "2026-11-26T07:30:00Z"}
                """.formatted(id, app, plan);
    }

    static String register(String name, String app, String addonId) {
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/" + app + "/addons")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("RateLimit-Remaining", "4000")
                .withBody("[" + addon(app, addonId, "rediscloud:100") + "]")));
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/" + app + "/config-vars")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"REDISCLOUD_URL\": \"redis://127.0.0.1:1\"}")));
        return given().contentType(ContentType.JSON).body(HerokuRegistrationIT.body(name, app, "REDISCLOUD_URL", ""))
                .when().post("/api/v1/instances").then().statusCode(201).body("plan", equalTo("rediscloud:100"))
                .extract().path("id");
    }

    @Test
    void aPlanChangedByHandIsNoticed() {
        String addonId = "5d1f4a2c-7b3e-4e8f-9a0b-1c2d3e4f5a6b";
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/hand-changed/addons/" + addonId)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withHeader("RateLimit-Remaining", "3999")
                .withBody(addon("hand-changed", addonId, "rediscloud:250"))));
        String id = register("hand-changed", "hand-changed", addonId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id).then().body("plan", equalTo("rediscloud:250")));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

}
