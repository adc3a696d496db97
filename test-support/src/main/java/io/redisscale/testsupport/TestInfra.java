package io.redisscale.testsupport;

import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The servers the tests use, chosen once per JVM: with a Docker engine, Kafka, PostgreSQL and Redis
 * in containers (so {@code mvn verify} needs nothing installed); without one, the local servers given
 * by TEST_KAFKA_BOOTSTRAP_SERVERS, TEST_DB_URL and TEST_REDIS_* (defaults: what ./autoscaler test
 * starts). The choice is logged.
 */
public final class TestInfra {
    private static final Logger LOG = Logger.getLogger(TestInfra.class.getName());
    private static Endpoints endpoints;

    /** Where each server is. */
    public record Endpoints(String kafka, String jdbcUrl, String dbUser, String dbPassword, String redisHost,
                            int redisPort, boolean containers) {}

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = dockerAnswers() ? containers() : local();
        }
        return endpoints;
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(System.getenv("TEST_USE_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Endpoints local() {
        Endpoints e = new Endpoints(env("TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
                env("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/autoscaler_test"), env("TEST_DB_USER", "postgres"),
                env("TEST_DB_PASSWORD", ""), env("TEST_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("TEST_REDIS_PORT", "6379")), false);
        LOG.info("No Docker engine answers: tests use the local servers, Kafka " + e.kafka() + ", " + e.jdbcUrl()
                + ", Redis " + e.redisHost() + ":" + e.redisPort());
        return e;
    }

    @SuppressWarnings("resource") // the containers live as long as the test JVM; Ryuk removes them
    private static Endpoints containers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15").withDatabaseName("autoscaler_test");
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        kafka.start();
        postgres.start();
        redis.start();
        Endpoints e = new Endpoints(kafka.getBootstrapServers(), postgres.getJdbcUrl(), postgres.getUsername(),
                postgres.getPassword(), redis.getHost(), redis.getMappedPort(6379), true);
        LOG.info("A Docker engine answers: tests use containers, Kafka " + e.kafka() + ", " + e.jdbcUrl());
        return e;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private TestInfra() {}
}
