package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.events.Topics;
import io.redisscale.testsupport.TestInfra;
import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop through secured listeners of a real broker (certificates made by the test): SSL with a
 * client certificate, the four services configured the way Apache Kafka on Heroku configures an app
 * ({@code KAFKA_URL} with {@code kafka+ssl://}, {@code KAFKA_TRUSTED_CERT}, {@code KAFKA_CLIENT_CERT}, a
 * PKCS#1 {@code KAFKA_CLIENT_CERT_KEY}) and no other broker address; and SASL_SSL with SCRAM-SHA-512,
 * configured as Confluent Cloud, Aiven or MSK users do ({@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, a PEM trust store).
 */
class KafkaSslIT {
    /** An Apache Kafka on Heroku multi-tenant prefix, as KAFKA_PREFIX gives it. */
    static final String PREFIX = "wabash-58799.";
    static TestCerts certs;
    static OwnKafka kafka;

    @BeforeAll
    static void broker() throws Exception {
        File logs = new File(System.getProperty("logs.dir", "target/e2e-logs"), "own-broker-" + KafkaSslIT.class.getSimpleName());
        logs.mkdirs();
        certs = new TestCerts();
        kafka = new OwnKafka(logs, certs);
        kafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theLoopRunsOverSslWithClientCertificatesFromHerokuStyleVariables() throws Exception {
        String ssl = "127.0.0.1:" + kafka.sslPort;
        // The SSL listener refuses a client that trusts the CA but shows no certificate of its own.
        try (Admin anonymous = Admin.create(Map.of("bootstrap.servers", ssl, "security.protocol", "SSL",
                "ssl.truststore.type", "PEM", "ssl.truststore.certificates", certs.caPem,
                "default.api.timeout.ms", 15_000, "request.timeout.ms", 5_000))) {
            assertThrows(ExecutionException.class, () -> anonymous.listTopics().names().get(20, TimeUnit.SECONDS));
        }
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", null); // no plaintext address: only what KAFKA_URL says
        env.put("KAFKA_URL", "kafka+ssl://" + ssl);
        env.put("KAFKA_TRUSTED_CERT", certs.caPem);
        env.put("KAFKA_CLIENT_CERT", certs.clientCertPem);
        env.put("KAFKA_CLIENT_CERT_KEY", certs.clientKeyPem);
        env.put("KAFKA_PREFIX", PREFIX);
        scaleUpThrough(env, "ssl-orders");
        // Every topic and consumer group the loop used carries Heroku's multi-tenant prefix.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            java.util.Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            Topics.everyTopic().forEach(t -> assertTrue(topics.contains(PREFIX + t.name()), t.name() + " in " + topics));
            java.util.Set<String> groups = new java.util.HashSet<>();
            admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS).forEach(g -> groups.add(g.groupId()));
            Topics.GROUPS.forEach(g -> assertTrue(groups.contains(PREFIX + g), g + " in " + groups));
        }
    }

    @Test
    void whereTopicsMayNotBeCreatedAServiceWaitsForThemWithTheCommandsToRun() throws Exception {
        String prefix = "unmade-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (TestServers servers = new TestServers(TestInfra.isolation("e2e-kafka-unmade").onBroker(kafka.bootstrap()), List.of())) {
            int[] smtp = servers.startSmtp();
            Map<String, String> env = Map.of("KAFKA_PREFIX", prefix, "AUTOSCALER_KAFKA_CREATE_TOPICS", "false",
                    "EMAIL_HOST", "127.0.0.1", "EMAIL_PORT", String.valueOf(smtp[0]), "AUTOSCALER_KAFKA_TOPIC_WAIT_INTERVAL", "1s");
            String name = "notifier-" + prefix;
            servers.startService("notifier", name, env);
            // Up but idle: alive, not ready, the topics it waits for in readiness and the commands in its log.
            await("alive").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    servers.get(name, TestServers.LIVE_PATH).statusCode() == 200);
            var ready = servers.get(name, TestServers.READY_PATH);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("waiting_for"), ready.body());
            String log = java.nio.file.Files.readString(servers.log(name));
            for (Topics.Spec t : Topics.everyTopic()) {
                assertTrue(log.contains("heroku kafka:topics:create " + t.name() + " --partitions " + t.partitions()
                        + (t.compacted() ? " --compaction" : "")), log);
            }
            Topics.GROUPS.forEach(g -> assertTrue(log.contains("heroku kafka:consumer-groups:create " + g), log));
            assertTrue(servers.alive(name), "waiting, not refusing");
            // Made as the Heroku CLI would make them (prefixed), the topics pass the check: the waiting service exits
            // (0) for its platform to start it again, and started again it is ready.
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
                admin.createTopics(Topics.everyTopic().stream().map(t -> new org.apache.kafka.clients.admin.NewTopic(prefix + t.name(),
                        t.partitions(), (short) 1).configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of())).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }
            await("exits once the topics are there").atMost(Duration.ofSeconds(60)).until(() -> servers.exited(name).isPresent());
            assertEquals(0, servers.exited(name).getAsInt());
            assertTrue(java.nio.file.Files.readString(servers.log(name)).contains("the Kafka topics are in place"));
            String again = "notifier-made-" + prefix;
            servers.startService("notifier", again, env);
            servers.awaitReady(again);
        }
    }

    @Test
    void theLoopRunsOverSaslSslWithScramFromKafkaVariables() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka.saslPort);
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + OwnKafka.SCRAM_USER + "\" password=\"" + OwnKafka.SCRAM_PASSWORD + "\";");
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_TRUSTSTORE_CERTIFICATES", certs.caPem);
        scaleUpThrough(env, "sasl-orders");
    }

    /** The four services on {@code env}'s Kafka settings; a Redis over its threshold is scaled up and the notifier hears of it. */
    private static void scaleUpThrough(Map<String, String> env, String name) throws Exception {
        try (TestServers servers = new TestServers(TestInfra.isolation("e2e-kafka-" + name).onBroker(kafka.bootstrap()), List.of())) {
            int[] smtp = servers.startSmtp();
            Map<String, String> all = new HashMap<>(env);
            all.put("EMAIL_HOST", "127.0.0.1");
            all.put("EMAIL_PORT", String.valueOf(smtp[0]));
            all.put("DECISION_UP_WINDOW", "0s");
            servers.startServices(all);

            int port = servers.startRedis(30_000_000L);
            TestServers.fill(port, 24_000);
            HttpResponse<String> created = servers.post("collector", "/api/v1/instances", """
                    {"name": "%s", "provider": "local", "redisUrl": "redis://127.0.0.1:%d", "plan": "rediscloud:30",
                     "maxPlan": "rediscloud:1000", "recipients": ["ops@example.com"]}
                    """.formatted(name, port));
            assertEquals(201, created.statusCode(), created.body());
            UUID id = UUID.fromString(AutoscalingLoopIT.JSON.readTree(created.body()).get("id").asText());
            // Collector -> decision -> actuator, every event through the secured listener: the Redis is scaled up.
            await("scale-up").atMost(Duration.ofSeconds(120)).until(() ->
                    TestServers.redis(port, "CONFIG", "GET", "maxmemory").split("\n")[1].trim().equals("100000000"));
            // ... and the notifier, the fourth service, heard of it.
            await("notification").atMost(Duration.ofSeconds(60)).until(() ->
                    servers.get("notifier", "/api/v1/notifications?instance=" + id).body().contains("scaled from rediscloud:30"));
        }
    }
}
