package io.redisscale.collector;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.List;

/** The bearer token of the test profile (%test.collector.api-tokens), sent with every rest-assured call. */
final class ApiAuth {
    static final String TOKEN = "test-token";
    private static final Filter BEARER = (request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return ctx.next(request, response);
    };

    static void useTestToken() {
        RestAssured.replaceFiltersWith(List.of(BEARER));
    }

    static void noToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private ApiAuth() {}
}
