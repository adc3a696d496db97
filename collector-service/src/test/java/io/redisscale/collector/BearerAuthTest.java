package io.redisscale.collector;

import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API answers 401 problem+json without a valid bearer token; health and OpenAPI stay open. */
@QuarkusTest
class BearerAuthTest {

    @BeforeEach
    void noDefaultToken() {
        ApiAuth.noToken();
    }

    @ParameterizedTest(name = "{0} {1} with ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', value = {
            "GET | /api/v1/instances  | ''                  | 401",
            "GET | /api/v1/plans      | Bearer wrong        | 401",
            "GET | /api/v1/plans      | Basic dGVzdA==      | 401",
            "GET | /api/v1/plans      | Bearer test-token   | 200",
            "GET | /api/v1/plans      | bearer test-token   | 200",
            "GET | /q/health/ready    | ''                  | 200",
            "GET | /q/openapi         | ''                  | 200",
            "GET | /q/swagger-ui      | ''                  | 404",
    })
    void guardsTheApi(String method, String path, String authorization, int status) {
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        var response = request.when().request(method, path).then().statusCode(status);
        if (status == 401) {
            response.contentType("application/problem+json").body("status", equalTo(401))
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
    }
}
