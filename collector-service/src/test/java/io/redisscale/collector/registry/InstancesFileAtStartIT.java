package io.redisscale.collector.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TestInfraResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instances as code on Kubernetes: the collector applies COLLECTOR_INSTANCES_FILE (a ConfigMap's file) when it
 * starts, its {@code ${VARIABLE}} references filled from its environment (here a config value standing for a
 * Secret's key); the secret never shows in the API.
 */
@QuarkusTest
@TestProfile(InstancesFileAtStartIT.WithFile.class)
@QuarkusTestResource(TestInfraResource.class)
class InstancesFileAtStartIT {
    static final String NAME = "at-start-" + Long.toHexString(System.nanoTime());

    public static class WithFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("instances", ".yaml");
                Files.writeString(file, """
                        instances:
                          - name: %s
                            provider: local
                            redisUrl: ${AT_START_REDIS_URL}
                            minPlan: rediscloud:30
                            maxPlan: rediscloud:250
                        """.formatted(NAME));
                file.toFile().deleteOnExit();
                return Map.of("collector.instances-file", file.toString(), "AT_START_REDIS_URL", "redis://:s3cret-at-start@127.0.0.1:6399");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void theFileIsAppliedAtStartWithItsSecretsFromTheEnvironment() {
        String body = given().queryParam("after", "at-start-").queryParam("limit", 1000).get("/api/v1/instances").then()
                .statusCode(200).body("name", hasItem(NAME)).extract().asString();
        assertTrue(!body.contains("s3cret-at-start"), "the secret is sealed, never shown");
        given().get("/api/v1/instances/export").then().statusCode(200).body(org.hamcrest.Matchers.containsString("name: " + NAME));
    }

    @Test
    void aReferenceTheEnvironmentLacksIsNamed() {
        assertEquals("a: x, b: y", InstanceFile.expand("a: ${A}, b: ${B}", n -> Optional.of(n.toLowerCase(java.util.Locale.ROOT)
                .replace("a", "x").replace("b", "y"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceFile.expand("${A} ${NOPE} ${ALSO_NOT}", n -> n.equals("A") ? Optional.of("$1\\") : Optional.empty()));
        assertEquals("the file refers to environment variables that are not set: ALSO_NOT, NOPE", e.getMessage());
        assertEquals("$1\\ x", InstanceFile.expand("${A} x", n -> Optional.of("$1\\")), "a value is taken as it is");
    }
}
