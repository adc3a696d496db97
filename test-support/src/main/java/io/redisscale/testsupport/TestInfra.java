package io.redisscale.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
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
 *
 * <p>Test JVMs run side by side on the one broker and PostgreSQL server, so none wipes what another
 * uses: each JVM gets a Kafka prefix of its own ({@link #own()}, the {@code KAFKA_PREFIX} mechanism of
 * the services) and a database of its own, named after the Maven module ({@code test.isolation.name}) and
 * the clone ({@code test.clone}).
 */
public final class TestInfra {
    private static final Logger LOG = Logger.getLogger(TestInfra.class.getName());
    private static Endpoints endpoints;
    private static Isolation own;

    /** Where each server is. */
    public record Endpoints(String kafka, String jdbcUrl, String dbUser, String dbPassword, String redisHost,
                            int redisPort, boolean containers) {}

    /**
     * A share of the servers of one's own: topics and consumer groups behind {@code kafkaPrefix}, a
     * database at {@code jdbcUrl}.
     */
    public record Isolation(String kafka, String kafkaPrefix, String jdbcUrl, String dbUser, String dbPassword) {
        /** The broker's name of a system topic ({@code io.redisscale.events.Topics}) under this prefix. */
        public String topic(String name) {
            return kafkaPrefix + name;
        }

        /** The same database on another broker (one a test runs itself), with no prefix. */
        public Isolation onBroker(String bootstrap) {
            return new Isolation(bootstrap, "", jdbcUrl, dbUser, dbPassword);
        }
    }

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = dockerAnswers() ? containers() : local();
        }
        return endpoints;
    }

    /** This JVM's own prefix and database (made on first use), shared by its test classes. */
    public static synchronized Isolation own() {
        if (own == null) {
            String name = System.getProperty("test.isolation.name", "tests");
            Endpoints e = endpoints();
            own = new Isolation(e.kafka(), jvmPrefix(name), database(e, databaseName(name)), e.dbUser(), e.dbPassword());
        }
        return own;
    }

    /**
     * A share of its own for one test (an end-to-end class starting its own services): a fresh Kafka prefix
     * (random, so nothing an earlier run left on the broker is read) and the database
     * {@code autoscaler_test_<name>}, created when missing (the services clean their schemas at start).
     */
    public static Isolation isolation(String name) {
        Endpoints e = endpoints();
        return new Isolation(e.kafka(), prefix(name), database(e, databaseName(name)), e.dbUser(), e.dbPassword());
    }

    /**
     * {@code autoscaler_test_<name>_<clone>}: the clone's part (a hash of its folder, {@code test.clone})
     * keeps two clones testing at the same time on one machine out of each other's databases.
     */
    private static String databaseName(String name) {
        String clone = Integer.toHexString(System.getProperty("test.clone", "").hashCode() & 0xffffff);
        return "autoscaler_test_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + clone;
    }

    private static String prefix(String name) {
        return "t-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    }

    /**
     * This JVM's prefix, kept in a system property, which every class loader of the JVM sees (Quarkus
     * loads a test's classes, and with them this class, a second time).
     */
    private static String jvmPrefix(String name) {
        synchronized (System.getProperties()) {
            String p = System.getProperty("test.kafka.prefix");
            if (p == null) {
                p = prefix(name);
                System.setProperty("test.kafka.prefix", p);
            }
            return p;
        }
    }

    /** The JDBC URL of database {@code name} on the test server, created when missing. */
    private static String database(Endpoints e, String name) {
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.dbUser(), e.dbPassword());
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            boolean found;
            try (ResultSet rs = exists.executeQuery()) {
                found = rs.next();
            }
            if (!found) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\"");
                } catch (SQLException raced) {
                    if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: another JVM made it meanwhile
                        throw raced;
                    }
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create test database " + name + " on " + e.jdbcUrl(), ex);
        }
        return e.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
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
