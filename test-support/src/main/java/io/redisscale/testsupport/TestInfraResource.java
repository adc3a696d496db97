package io.redisscale.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a @QuarkusTest at the servers {@link TestInfra} chose, on this JVM's own Kafka prefix and
 * database ({@link TestInfra#own()}), so modules test side by side.
 */
public class TestInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfra.Endpoints e = TestInfra.endpoints();
        TestInfra.Isolation own = TestInfra.own();
        return Map.of(
                "kafka.bootstrap.servers", own.kafka(),
                "autoscaler.kafka.prefix", own.kafkaPrefix(),
                "quarkus.datasource.jdbc.url", own.jdbcUrl(),
                "quarkus.datasource.username", own.dbUser(),
                "quarkus.datasource.password", own.dbPassword(),
                "test.redis.host", e.redisHost(),
                "test.redis.port", String.valueOf(e.redisPort()),
                // The local provider may reach the tests' Redis wherever it runs (a container's address too).
                "autoscaler.redis-allow", "127.0.0.0/8," + e.redisHost());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; Testcontainers' Ryuk removes containers at exit.
    }
}
