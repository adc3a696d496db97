package io.redisscale.collector;

import io.redisscale.testsupport.ApiAuth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API answers 401 problem+json without a valid bearer token; health and OpenAPI stay open; the Prometheus metrics take the same tokens. */
@QuarkusTest
class BearerAuthTest {

    @BeforeEach
    void noDefaultToken() {
        ApiAuth.noToken();
    }

    @ParameterizedTest(name = "GET {0} with ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/instances  | ''                  | 401",
            "/api/v1/plans      | Bearer wrong        | 401",
            "/api/v1/plans      | Basic dGVzdA==      | 401",
            "/api/v1/plans      | Bearer test-token   | 200",
            "/api/v1/plans      | bearer test-token   | 200",
            "/q/health/ready    | ''                  | 200",
            "/q/openapi         | ''                  | 200",
            "/q/swagger-ui      | ''                  | 404",
            "/q/metrics         | ''                  | 401",
            "/q/metrics         | Bearer wrong        | 401",
            "/q/metrics         | Bearer test-token   | 200",
            "/api/v1/instances  | Bearer viewer-token | 200",
            "/q/metrics         | Bearer viewer-token | 200",
    })
    void guardsTheApi(String path, String authorization, int status) {
        ApiAuth.check(path, authorization, status);
    }

    /** A viewer token reads everything and changes nothing: 403 on every change, before the change is looked at. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST   | /api/v1/instances",
            "PUT    | /api/v1/instances/6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f",
            "PATCH  | /api/v1/instances/6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f",
            "DELETE | /api/v1/instances/6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f"})
    void aViewerTokenChangesNothing(String method, String path) {
        io.restassured.RestAssured.given().header("Authorization", "Bearer viewer-token").contentType("application/json")
                .body("{\"name\": \"viewer-made\", \"provider\": \"local\", \"redisUrl\": \"redis://127.0.0.1:6379\"}")
                .request(method, path).then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("viewer"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer test-token").get("/api/v1/instances").then()
                .statusCode(200).body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("viewer-made")));
    }
}
