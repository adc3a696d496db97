package io.redisscale.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a @QuarkusTest at the servers {@link TestInfra} chose. */
public class TestInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfra.Endpoints e = TestInfra.endpoints();
        return Map.of(
                "kafka.bootstrap.servers", e.kafka(),
                "quarkus.datasource.jdbc.url", e.jdbcUrl(),
                "quarkus.datasource.username", e.dbUser(),
                "quarkus.datasource.password", e.dbPassword(),
                "test.redis.host", e.redisHost(),
                "test.redis.port", String.valueOf(e.redisPort()));
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; Testcontainers' Ryuk removes containers at exit.
    }
}
