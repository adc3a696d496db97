package io.redisscale.testsupport;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.List;

/** The bearer token of every service's test profile (%test.autoscaler.api-tokens), sent with every rest-assured call. */
public final class ApiAuth {
    public static final String TOKEN = "test-token";
    private static final Filter BEARER = (request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return ctx.next(request, response);
    };

    public static void useTestToken() {
        RestAssured.replaceFiltersWith(List.of(BEARER));
    }

    public static void noToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    /**
     * GET {@code path} with {@code authorization} (empty: none); a 401 is problem+json and asks for a bearer
     * token; an open health endpoint names no host.
     */
    public static void check(String path, String authorization, int status) {
        var request = RestAssured.given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        var response = request.when().get(path).then().statusCode(status);
        if (path.startsWith("/q/health")) { // open, so it names no host of the deployment
            response.body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("127.0.0.1")));
        }
        if (status == 401) {
            response.contentType("application/problem+json").body("status", org.hamcrest.Matchers.equalTo(401))
                    .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("Bearer"))
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(TOKEN)));
        }
    }

    private ApiAuth() {}
}
