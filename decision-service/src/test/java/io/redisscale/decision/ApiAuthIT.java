package io.redisscale.decision;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TestInfraResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision service's API needs the same bearer tokens as the collector's; health stays open. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class ApiAuthIT {
    @BeforeEach
    void noDefaultToken() {
        ApiAuth.noToken();
    }

    @ParameterizedTest(name = "{0} with ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/instances/00000000-0000-0000-0000-000000000001/decisions | ''                | 401",
            "/api/v1/instances/00000000-0000-0000-0000-000000000001/decisions | Bearer wrong      | 401",
            "/api/v1/instances/00000000-0000-0000-0000-000000000001/decisions | Bearer test-token | 200",
            "/api/v1/instances/00000000-0000-0000-0000-000000000001/decisions | Bearer service-token | 200",
            "/api/v1/instances/00000000-0000-0000-0000-000000000001/decisions | Bearer viewer-token | 200",
            "/q/health/ready | ''      | 200",
            "/q/swagger-ui   | ''      | 404",
    })
    void guardsTheApi(String path, String authorization, int status) {
        ApiAuth.check(path, authorization, status);
    }

    /** The what-if changes nothing: the collector's service token and viewers may run it (here a bad trace: 400, not 403). */
    @ParameterizedTest(name = "what-if with {0} -> {1}")
    @CsvSource({"service-token, 400", "viewer-token, 400", "test-token, 400", "wrong, 401"})
    void theWhatIfIsOpenToReaders(String token, int status) {
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + token).contentType("text/csv").body("not a trace")
                .queryParam("service", "rediscloud").post("/api/v1/what-if").then().statusCode(status);
    }
}
