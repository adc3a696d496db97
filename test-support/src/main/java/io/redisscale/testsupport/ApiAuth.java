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

    private ApiAuth() {}
}
