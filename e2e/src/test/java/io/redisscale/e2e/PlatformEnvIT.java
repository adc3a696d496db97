package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service configured only the Heroku way: {@code PORT}, {@code DATABASE_URL} (postgres://user:password@host/db)
 * and {@code KAFKA_URL}; the variables the services read otherwise are empty. It starts, migrates, joins
 * the broker and answers on {@code PORT}; with the standard OTLP variables it pushes its metrics, as a worker dyno
 * nothing can scrape must.
 */
class PlatformEnvIT {

    /** The local PostgreSQL as Heroku's DATABASE_URL gives a database. */
    private static String databaseUrl(TestInfra.Isolation e) {
        URI jdbc = URI.create(e.jdbcUrl().substring("jdbc:".length()));
        return "postgres://" + e.dbUser() + ":" + (e.dbPassword() == null ? "" : e.dbPassword()) + "@" + jdbc.getHost()
                + ":" + jdbc.getPort() + jdbc.getPath();
    }

    /**
     * The Procfile's release command, as Heroku runs it: every service migrates its schema and creates
     * the (prefixed) topics, then exits 0; the release goes on only then.
     */
    @Test
    void theReleasePhaseMigratesCreatesTheTopicsAndExits() throws Exception {
        TestInfra.Isolation e = TestInfra.isolation("e2e-release-phase");
        String prefix = e.kafkaPrefix();
        ProcessBuilder pb = new ProcessBuilder("bash", "deploy/heroku/release.sh").directory(new java.io.File(".."))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        List.of("DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "PORT").forEach(env::remove);
        env.put("DATABASE_URL", databaseUrl(e));
        env.put("DATABASE_SSLMODE", "disable");
        env.put("KAFKA_URL", "kafka://" + e.kafka());
        env.put("KAFKA_PREFIX", prefix);
        env.put("AUTOSCALER_SECRET_KEY", "release-test-key");
        env.put("AUTOSCALER_API_TOKENS", "release-test-token");
        env.put("JAVA_OPTS", "-Xmx256m " + String.join(" ", TestServers.JVM_FLAGS));
        Process release = pb.start();
        String out = new String(release.getInputStream().readAllBytes());
        org.junit.jupiter.api.Assertions.assertTrue(release.waitFor(5, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, release.exitValue(), out);
        for (String service : io.redisscale.events.Topics.SERVICES) {
            org.junit.jupiter.api.Assertions.assertTrue(out.contains("release phase: " + service + "'s schema is migrated"), out);
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", e.kafka()))) {
            java.util.Set<String> topics = admin.listTopics().names().get(20, java.util.concurrent.TimeUnit.SECONDS);
            io.redisscale.events.Topics.everyTopic().forEach(t ->
                    org.junit.jupiter.api.Assertions.assertTrue(topics.contains(prefix + t.name()), t.name()));
        }
    }

    @Test
    void aServiceRunsOnHerokuStyleVariablesAlone() throws Exception {
        TestInfra.Isolation e = TestInfra.isolation("e2e-platform-env");
        String database = databaseUrl(e);
        int port = TestServers.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("DATABASE_URL", database);
        env.put("DATABASE_SSLMODE", "disable"); // the local server has no TLS; on Heroku the default, require, holds
        env.put("KAFKA_URL", "kafka://" + e.kafka());
        // What TestServers sets otherwise, unset: only the Heroku-style variables are left to read.
        env.put("DB_URL", null);
        env.put("DB_USER", null);
        env.put("DB_PASSWORD", null);
        env.put("KAFKA_BOOTSTRAP_SERVERS", null);
        OtlpReceiver collector = new OtlpReceiver();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
        env.put("OTEL_EXPORTER_OTLP_HEADERS", "api-key=otlp-test-key");
        env.put("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        try (TestServers servers = new TestServers(e, List.of())) {
            servers.startService("decision", "decision", env);
            HttpClient http = HttpClient.newHttpClient();
            await("ready on PORT").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            // Its metrics pushed over OTLP (protobuf), named by service, with the header the variables give.
            var pushed = await("an OTLP metrics push naming the service and its metrics").atMost(Duration.ofSeconds(30)).until(() ->
                    collector.pushes("/v1/metrics").stream().filter(r -> {
                                String body = new String(r.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1);
                                return body.contains("decision-service") && body.contains("autoscaler.outbox.backlog");
                            }).findFirst(), java.util.Optional::isPresent).get();
            assertEquals("application/x-protobuf", pushed.getHeader("Content-Type"));
            assertEquals("otlp-test-key", pushed.getHeader("api-key"));
        } finally {
            collector.close();
        }
    }

    /**
     * Kafka basic-0 on Heroku, where topics come from the CLI only: the release phase migrates, names the commands
     * for the topics it may not create, and goes on (exit 0), for the services to wait for them (KafkaSslIT).
     */
    @Test
    void theReleasePhaseGoesOnWhereTopicsMayNotBeCreated() throws Exception {
        TestInfra.Isolation e = TestInfra.isolation("e2e-topic-wait");
        try (TestServers servers = new TestServers(e, List.of())) {
            servers.startService("decision", "decision-release", Map.of("AUTOSCALER_KAFKA_CREATE_TOPICS", "false",
                    "AUTOSCALER_RELEASE_PHASE", "true"));
            await("the release phase ends").atMost(Duration.ofSeconds(120)).until(() -> servers.exited("decision-release").isPresent());
            String log = java.nio.file.Files.readString(servers.log("decision-release"));
            assertEquals(0, servers.exited("decision-release").getAsInt(), log);
            org.junit.jupiter.api.Assertions.assertTrue(log.contains("heroku kafka:topics:create autoscaler.scale-commands")
                    && log.contains("the services will wait for the topics"), log);
        }
    }
}
