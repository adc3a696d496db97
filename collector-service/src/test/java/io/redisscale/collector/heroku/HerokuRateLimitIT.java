package io.redisscale.collector.heroku;

import io.redisscale.collector.registry.HerokuRegistrationIT;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.HerokuWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Heroku's 429 pauses every call of the account, longer for each one in a row. A Quarkus app of its own
 * (its own profile), so the pause it leaves behind reaches no other test.
 */
@QuarkusTest
@TestProfile(HerokuRateLimitIT.Paused.class)
@QuarkusTestResource(value = HerokuWireMock.class, restrictToAnnotatedClass = true)
class HerokuRateLimitIT {
    public static class Paused extends HerokuPlanRefreshIT.FastRefresh {}

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void a429PausesCallsAndEachOneInARowPausesLonger() {
        String addonId = "7e2a5b3d-8c4f-4a9b-8c1d-2e3f4a5b6c7d";
        String path = "/apps/rate-limited/addons/" + addonId;
        var limited = aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("RateLimit-Remaining", "0")
                .withBody("{\"id\": \"rate_limit\", \"message\": \"Your account reached the API rate limit\\n"
                        + "Please wait a few minutes before making new requests\"}");
        HerokuWireMock.server.stubFor(get(urlEqualTo(path)).willReturn(limited));
        String id = HerokuPlanRefreshIT.register("rate-limited", "rate-limited", addonId);
        // Every call of the account is limited now, the poller's URL reads too.
        HerokuWireMock.server.stubFor(get(urlEqualTo("/apps/rate-limited/config-vars")).willReturn(limited));
        try {
            // Every call of the account counts (the poller's URL reads too): after each 429 the next waits.
            await().atMost(Duration.ofSeconds(60)).until(() -> limitedCalls().size() >= 3);
            List<LoggedRequest> calls = limitedCalls();
            long firstGap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
            long secondGap = calls.get(2).getLoggedDate().getTime() - calls.get(1).getLoggedDate().getTime();
            assertTrue(firstGap >= 4_900, "first pause " + firstGap + " ms");
            assertTrue(secondGap >= 9_900, "second pause " + secondGap + " ms");
            // While paused, a registration that needs Heroku is refused with the reason, not half-done.
            given().contentType(ContentType.JSON).body(HerokuRegistrationIT.body("during-pause", "rate-limited",
                    "REDISCLOUD_URL", "")).when().post("/api/v1/instances").then().statusCode(503)
                    .contentType("application/problem+json");
        } finally {
            given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
        }
    }

    /** The calls for the rate-limited app that Heroku answered with 429, oldest first. */
    private static List<LoggedRequest> limitedCalls() {
        return HerokuWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().matches("/apps/rate-limited/(config-vars|addons/.+)"))
                .filter(e -> e.getResponse().getStatus() == 429)
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }
}
