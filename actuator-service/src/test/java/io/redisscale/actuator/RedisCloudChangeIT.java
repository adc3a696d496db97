package io.redisscale.actuator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.rediscloud.RedisCloudKeys;
import io.redisscale.runtime.Replica;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.RedisCloudWireMock;
import io.redisscale.testsupport.TestInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rediscloud provider against a stateful stand-in of Redis Cloud's API (shapes of its public reference): an
 * Essentials subscription moves to another plan through a task that is received, then in progress, then completed;
 * a Pro database is resized the same way; a downgrade the data does not fit is refused by the task; 429 and 5xx are
 * waited out; one PUT per command.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisCloudWireMock.class, restrictToAnnotatedClass = true)
class RedisCloudChangeIT {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String SERVICE = "rediscloud-essentials-aws-us-east-1";
    static final String SMALL = "rediscloud-essentials:1001";
    static final String LARGE = "rediscloud-essentials:1002";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "autoscaler.secret-key")
    String key;
    @Inject
    Replica replica;

    Harness harness;
    String sub;
    String path;
    InstanceConfig instance;

    @BeforeEach
    void setUp() throws Exception {
        harness = new Harness(kafka);
        sub = String.valueOf(100_000 + new java.util.Random().nextInt(800_000));
        path = "/v1/fixed/subscriptions/" + sub;
        instance = register(InstanceFixtures.local("rc-" + sub).service(SERVICE).plan(SMALL).minPlan(SMALL).maxPlan(LARGE),
                List.of(new Plan(SMALL, SERVICE, 250_000_000L, 256, 5), new Plan(LARGE, SERVICE, 1_000_000_000L, 1024, 22)));
    }

    /** Publishes the plans, then registers the instance as a rediscloud one of subscription {@link #sub}. */
    InstanceConfig register(io.redisscale.events.InstanceConfigBuilder builder, List<Plan> plans) throws Exception {
        SealedSecret sealer = new SealedSecret(key);
        InstanceConfig config = builder.provider(InstanceConfig.Provider.rediscloud).subscriptionId(sub)
                .sealedCredentials(sealer.seal(new RedisCloudKeys("account-key-" + sub, "user-key").toJson()))
                .sealedRedisUrl(sealer.seal("redis://127.0.0.1:1")).build();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (Plan p : plans) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get(30, TimeUnit.SECONDS);
            }
        }
        String last = plans.get(plans.size() - 1).name();
        Awaitility.await().atMost(WAIT).until(() -> replica.get(Topics.PLANS, last, Plan.class).isPresent());
        harness.register(config, replica);
        return config;
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A subscription as {@code GET /fixed/subscriptions/{id}} returns it. */
    String subscription(long planId, String status) {
        return """
                {"id": %s, "name": "orders-cache", "status": "%s", "paymentMethodId": 8240, "paymentMethodType": "credit-card",
                 "planId": %d, "planName": "Standard", "size": %s, "sizeMeasurementUnit": "MB", "provider": "AWS",
                 "region": "us-east-1", "price": %s, "pricePeriod": "Month", "priceCurrency": "USD", "maximumDatabases": 1,
                 "availability": "Single-zone", "connections": "256", "cidrAllowRules": 8, "supportDataPersistence": true,
                 "supportInstantAndDailyBackups": true, "supportReplication": true, "supportClustering": false,
                 "customerSupport": "Standard", "creationDate": "2026-03-01T10:00:00Z", "links": []}
                """.formatted(sub, status, planId, planId == 1001 ? "250" : "1000", planId == 1001 ? "5" : "22");
    }

    static String task(String id, String status, String response) {
        return """
                {"taskId": "%s", "commandType": "fixedSubscriptionUpdateRequest", "status": "%s",
                 "description": "Task %s", "timestamp": "2026-12-07T10:00:00.000Z", %s
                 "links": [{"rel": "self", "href": "https://api.redislabs.com/v1/tasks/%s", "type": "GET"}]}
                """.formatted(id, status, status, response == null ? "" : "\"response\": " + response + ",", id);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * The stand-in: the subscription on 1001 until the PUT; its task received, then in progress, then {@code last};
     * the subscription pending meanwhile, and on {@code after} once the task ended.
     */
    void planMovesThroughATask(String taskId, String last, String lastResponse, long after, List<ResponseDefinitionBuilder> putFailures) {
        movesThroughATask(new Resource(path, "{\"planId\": 1002}", subscription(1001, "active"), subscription(1001, "pending"),
                subscription(after, "active")), taskId, last, lastResponse, putFailures);
    }

    /** What the stand-in serves at {@code path}: before the PUT, while its task runs, once it ended; the PUT expected. */
    record Resource(String path, String putJson, String before, String pending, String after) {}

    void movesThroughATask(Resource r, String taskId, String last, String lastResponse, List<ResponseDefinitionBuilder> putFailures) {
        var wm = RedisCloudWireMock.server;
        wm.stubFor(get(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs(STARTED).willReturn(json(200, r.before())));
        String state = STARTED;
        for (int i = 0; i < putFailures.size(); i++) {
            wm.stubFor(put(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs(state).willReturn(putFailures.get(i))
                    .willSetStateTo("put-failed-" + i));
            wm.stubFor(get(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs("put-failed-" + i).willReturn(json(200, r.before())));
            state = "put-failed-" + i;
        }
        wm.stubFor(put(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs(state)
                .withHeader("x-api-key", equalTo("account-key-" + sub)).withHeader("x-api-secret-key", equalTo("user-key"))
                .withRequestBody(equalToJson(r.putJson()))
                .willReturn(json(202, task(taskId, "received", null))).willSetStateTo("received"));
        wm.stubFor(get(urlEqualTo("/v1/tasks/" + taskId)).inScenario(sub).whenScenarioStateIs("received")
                .willReturn(json(200, task(taskId, "processing-in-progress", null))).willSetStateTo("in-progress"));
        wm.stubFor(get(urlEqualTo("/v1/tasks/" + taskId)).inScenario(sub).whenScenarioStateIs("in-progress")
                .willReturn(json(200, task(taskId, last, lastResponse))).willSetStateTo("ended"));
        for (String s : List.of("received", "in-progress")) {
            wm.stubFor(get(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs(s).willReturn(json(200, r.pending())));
        }
        wm.stubFor(get(urlEqualTo(r.path())).inScenario(sub).whenScenarioStateIs("ended").willReturn(json(200, r.after())));
    }

    /** A Pro database as {@code GET /subscriptions/{id}/databases/{databaseId}} returns it. */
    static String database(String id, double gb, String status) {
        return """
                {"databaseId": %s, "name": "orders", "protocol": "redis", "provider": "AWS", "region": "us-east-1",
                 "redisVersion": "7.4", "respVersion": "resp2", "status": "%s", "datasetSizeInGb": %s, "memoryUsedInMb": 700,
                 "memoryStorage": "ram", "supportOSSClusterApi": false, "dataPersistence": "none", "replication": true,
                 "dataEvictionPolicy": "noeviction", "throughputMeasurement": {"by": "operations-per-second", "value": 25000},
                 "activatedOn": "2026-03-01T10:00:00Z", "lastModified": "2026-12-01T10:00:00Z",
                 "publicEndpoint": "redis-12000.c1.us-east-1-2.ec2.cloud.redislabs.com:12000", "replicaOf": null,
                 "clustering": {"numberOfShards": 1}, "security": {"sslClientAuthentication": false}, "modules": [],
                 "alerts": [], "links": []}
                """.formatted(id, status, gb);
    }

    /** A Pro database of 1 GB, sized between 0.5 and 2 GB at $40 a GB-month. */
    InstanceConfig proInstance(String db) throws Exception {
        String service = "rediscloud-pro-" + sub;
        List<Plan> plans = new io.redisscale.events.PlanCatalog.Sizes("rediscloud-pro:", 0.5, 2, 0.5, 40, Plan.UNLIMITED).plans(service);
        return register(InstanceFixtures.local("rcpro-" + sub).service(service).databaseId(db).plan("rediscloud-pro:1")
                .minPlan("rediscloud-pro:0.5").maxPlan("rediscloud-pro:2"), plans);
    }

    ScaleOutcome run(ScaleCommand c) throws Exception {
        harness.send(c);
        return harness.outcome(c.commandId(), WAIT);
    }

    int puts() {
        return RedisCloudWireMock.server.findAll(putRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void anUpgradeGoesThroughItsTaskAndIsVerifiedOnTheSubscription() throws Exception {
        planMovesThroughATask("t-" + sub, "processing-completed", "{\"resourceId\": " + sub + "}", 1002, List.of());
        ScaleOutcome o = run(Harness.command(instance, SMALL, LARGE, Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, puts());
    }

    @Test
    void aDowngradeTheDataDoesNotFitFailsWithRedisCloudsReason() throws Exception {
        String refused = "{\"error\": {\"type\": \"SUBSCRIPTION_PLAN_TOO_SMALL\", \"status\": \"400 BAD_REQUEST\","
                + " \"description\": \"The dataset size of the subscription's databases exceeds the memory of the requested plan\"}}";
        planMovesThroughATask("t-" + sub, "processing-error", refused, 1001, List.of());
        ScaleOutcome o = run(Harness.command(instance, SMALL, LARGE, Instant.now()));
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("exceeds the memory of the requested plan"), o.error());
        assertEquals(1, puts());
    }

    /** 429 and a 503 before the PUT is taken: waited out, the subscription read before a second PUT, one change. */
    @Test
    void rateLimitAndServerErrorsAreWaitedOutWithOneChange() throws Exception {
        planMovesThroughATask("t-" + sub, "processing-completed", "{\"resourceId\": " + sub + "}", 1002, List.of(
                json(429, "{\"status\": 429, \"error\": \"Too Many Requests\", \"message\": \"Rate limit exceeded\"}"),
                json(503, "{\"status\": 503, \"error\": \"Service Unavailable\", \"message\": \"try again\"}")));
        ScaleOutcome o = run(Harness.command(instance, SMALL, LARGE, Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(3, puts(), "two refused, one taken");
    }

    /** A Pro database: its dataset size PUT once, its task followed, the database verified active on the new size. */
    @Test
    void aProDatabaseIsResizedThroughItsTaskAndVerifiedOnTheDatabase() throws Exception {
        InstanceConfig pro = proInstance("51");
        String dbPath = "/v1/subscriptions/" + sub + "/databases/51";
        movesThroughATask(new Resource(dbPath, "{\"datasetSizeInGb\": 2}", database("51", 1, "active"),
                database("51", 1, "active-change-pending"), database("51", 2, "active")),
                "t-" + sub, "processing-completed", "{\"resourceId\": 51}", List.of());
        ScaleOutcome o = run(Harness.command(pro, "rediscloud-pro:1", "rediscloud-pro:2", Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, RedisCloudWireMock.server.findAll(putRequestedFor(urlEqualTo(dbPath))).size());
    }

    /** A Pro downgrade below the data it holds: the task's error is the failed outcome's reason, the size unchanged. */
    @Test
    void aProDowngradeBelowItsDataFailsWithRedisCloudsReason() throws Exception {
        InstanceConfig pro = proInstance("52");
        String dbPath = "/v1/subscriptions/" + sub + "/databases/52";
        String refused = "{\"error\": {\"type\": \"DATABASE_DATASET_SIZE_TOO_SMALL\", \"status\": \"400 BAD_REQUEST\","
                + " \"description\": \"Dataset size is smaller than the memory the database uses\"}}";
        movesThroughATask(new Resource(dbPath, "{\"datasetSizeInGb\": 0.5}", database("52", 1, "active"),
                database("52", 1, "active-change-pending"), database("52", 1, "active")),
                "t-" + sub, "processing-error", refused, List.of());
        ScaleOutcome o = run(Harness.command(pro, "rediscloud-pro:1", "rediscloud-pro:0.5", Instant.now()));
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("smaller than the memory the database uses"), o.error());
        assertEquals(1, RedisCloudWireMock.server.findAll(putRequestedFor(urlEqualTo(dbPath))).size());
    }

    /** Keys Redis Cloud refuses: failed at once with what to do, nothing changed. */
    @Test
    void refusedKeysFailAtOnce() throws Exception {
        RedisCloudWireMock.server.stubFor(get(urlEqualTo(path)).willReturn(json(401,
                "{\"status\": 401, \"error\": \"Unauthorized\", \"message\": \"Invalid API key\"}")));
        ScaleOutcome o = run(Harness.command(instance, SMALL, LARGE, Instant.now()));
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("Redis Cloud refused the API keys (401)"), o.error());
        assertEquals(0, puts());
    }
}
