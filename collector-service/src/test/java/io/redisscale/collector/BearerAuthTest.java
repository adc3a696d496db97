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
    })
    void guardsTheApi(String path, String authorization, int status) {
        ApiAuth.check(path, authorization, status);
    }
}
