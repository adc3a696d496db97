package io.redisscale.collector.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Topics;
import io.redisscale.rediscloud.RedisCloudKeys;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.RedisCloudWireMock;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TopicTail;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration of a rediscloud instance checks it with Redis Cloud's own API (a stand-in fed with its reference's
 * shapes): the subscription tells the plan and region, the region's Essentials plans join the catalog, the keys are
 * sealed and never shown, and what Redis Cloud refuses is a 422 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisCloudWireMock.class, restrictToAnnotatedClass = true)
class RedisCloudRegistrationIT {
    static final String SUBSCRIPTION = """
            {"id": 4711, "name": "orders-cache", "status": "active", "paymentMethodId": 8240, "planId": 1001,
             "planName": "Standard", "size": 250, "sizeMeasurementUnit": "MB", "provider": "AWS", "region": "us-east-1",
             "price": 5, "pricePeriod": "Month", "priceCurrency": "USD", "maximumDatabases": 1, "availability": "Single-zone",
             "connections": "256", "cidrAllowRules": 8, "supportDataPersistence": true, "supportReplication": true,
             "supportClustering": false, "creationDate": "2026-03-01T10:00:00Z", "links": []}
            """;
    /** The shape of GET /fixed/plans: plans of several regions and sizes. */
    static final String PLANS = """
            {"plans": [
             {"id": 1001, "name": "Standard", "size": 250, "sizeMeasurementUnit": "MB", "provider": "AWS", "region": "us-east-1",
              "regionId": 1, "price": 5, "priceCurrency": "USD", "pricePeriod": "Month", "maximumDatabases": 1,
              "maximumThroughput": 1000, "maximumBandwidthGB": 200, "availability": "Single-zone", "connections": "256",
              "cidrAllowRules": 8, "supportDataPersistence": true, "supportReplication": true, "supportClustering": false},
             {"id": 1002, "name": "Standard", "size": 1, "sizeMeasurementUnit": "GB", "provider": "AWS", "region": "us-east-1",
              "regionId": 1, "price": 22, "priceCurrency": "USD", "pricePeriod": "Month", "maximumDatabases": 1,
              "availability": "Single-zone", "connections": "1024", "supportReplication": true},
             {"id": 1003, "name": "Standard", "size": 5, "sizeMeasurementUnit": "GB", "provider": "AWS", "region": "us-east-1",
              "regionId": 1, "price": 77, "priceCurrency": "USD", "pricePeriod": "Month", "connections": "unlimited"},
             {"id": 2001, "name": "Standard", "size": 250, "sizeMeasurementUnit": "MB", "provider": "AWS", "region": "eu-west-1",
              "regionId": 4, "price": 5, "priceCurrency": "USD", "pricePeriod": "Month", "connections": "256"}],
             "links": []}
            """;

    /** A Pro subscription (GET /subscriptions/{id}): two shards at $0.124 an hour for 4 GB of datasets. */
    static final String PRO_SUBSCRIPTION = """
            {"id": 4712, "name": "sessions", "status": "active", "paymentMethodId": 8240, "memoryStorage": "ram",
             "storageEncryption": true, "numberOfDatabases": 1, "paymentMethodType": "credit-card",
             "subscriptionPricing": [
               {"type": "Shards", "typeDetails": "high-throughput", "quantity": 2, "quantityMeasurement": "shards",
                "pricePerUnit": 0.124, "priceCurrency": "USD", "pricePeriod": "hour"},
               {"type": "EBS Volume", "quantity": 71, "quantityMeasurement": "gb", "pricePerUnit": 0, "priceCurrency": "USD",
                "pricePeriod": "hour"}],
             "cloudDetails": [{"provider": "AWS", "cloudAccountId": 1, "totalSizeInGb": 4,
               "regions": [{"region": "us-east-1", "networking": [{"deploymentCIDR": "10.0.0.0/24"}],
                            "preferredAvailabilityZones": ["use1-az1"], "multipleAvailabilityZones": false}],
               "links": []}],
             "links": []}
            """;
    /** Its database (GET /subscriptions/{id}/databases/{databaseId}), 1.5 GB of dataset. */
    static final String PRO_DATABASE = """
            {"databaseId": 51, "name": "sessions", "protocol": "redis", "provider": "AWS", "region": "us-east-1",
             "redisVersion": "7.4", "status": "active", "datasetSizeInGb": 1.5, "memoryUsedInMb": 700, "memoryStorage": "ram",
             "supportOSSClusterApi": false, "dataPersistence": "none", "replication": true, "dataEvictionPolicy": "noeviction",
             "throughputMeasurement": {"by": "operations-per-second", "value": 25000},
             "publicEndpoint": "redis-12000.c1.us-east-1-2.ec2.cloud.redislabs.com:12000", "links": []}
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "autoscaler.secret-key")
    String key;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @BeforeEach
    void stubs() {
        var wm = RedisCloudWireMock.server;
        wm.resetAll();
        wm.stubFor(get(urlEqualTo("/v1/fixed/subscriptions/4711")).withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("acct-key"))
                .withHeader("x-api-secret-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("user-key")).willReturn(json(200, SUBSCRIPTION)));
        wm.stubFor(get(urlPathEqualTo("/v1/fixed/plans")).withQueryParam("provider", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWS")).willReturn(json(200, PLANS)));
        wm.stubFor(get(urlEqualTo("/v1/fixed/subscriptions/4711")).withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("wrong"))
                .willReturn(json(401, "{\"status\": 401, \"error\": \"Unauthorized\", \"message\": \"Invalid API key\"}")));
        wm.stubFor(get(urlEqualTo("/v1/fixed/subscriptions/999")).willReturn(json(404,
                "{\"status\": 404, \"error\": \"Not Found\", \"message\": \"Subscription 999 not found\"}")));
        wm.stubFor(get(urlEqualTo("/v1/subscriptions/4712")).willReturn(json(200, PRO_SUBSCRIPTION)));
        wm.stubFor(get(urlEqualTo("/v1/subscriptions/4712/databases/51")).willReturn(json(200, PRO_DATABASE)));
        wm.stubFor(get(urlEqualTo("/v1/subscriptions/4712/databases/52")).willReturn(json(404,
                "{\"status\": 404, \"error\": \"Not Found\", \"message\": \"Database 52 not found\"}")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String body(String name, String subscription, String apiKey) {
        return """
                {"name": "%s", "provider": "rediscloud", "subscriptionId": "%s",
                 "credentials": {"apiKey": "%s", "secretKey": "user-key"},
                 "redisUrl": "redis://:db-pass@127.0.0.1:6399"}""".formatted(name, subscription, apiKey);
    }

    @Test
    void theSubscriptionSetsThePlanAndItsRegionsPlansJoinTheCatalog() {
        String service = "rediscloud-essentials-aws-us-east-1";
        String answer = given().contentType(ContentType.JSON).body(body("rc-orders", "4711", "acct-key")).post("/api/v1/instances")
                .then().statusCode(201).body("provider", equalTo("rediscloud")).body("service", equalTo(service))
                .body("plan", equalTo("rediscloud-essentials:1001")).body("subscriptionId", equalTo("4711"))
                .body("maxPlan", equalTo("rediscloud-essentials:1003")).extract().asString();
        for (String secret : List.of("acct-key", "user-key", "db-pass")) {
            org.junit.jupiter.api.Assertions.assertFalse(answer.contains(secret), "never shown: " + answer);
        }
        String id = io.restassured.path.json.JsonPath.from(answer).getString("id");
        given().queryParam("service", service).get("/api/v1/plans").then().statusCode(200)
                .body("name", equalTo(List.of("rediscloud-essentials:1001", "rediscloud-essentials:1002", "rediscloud-essentials:1003")))
                .body("find { it.name == 'rediscloud-essentials:1002' }.memoryBytes", equalTo(1_000_000_000))
                .body("find { it.name == 'rediscloud-essentials:1003' }.maxConnections", equalTo(-1));

        // A merge patch keeps the sealed keys; the event carries them sealed, for the actuator alone to open.
        given().contentType("application/merge-patch+json").body("{\"dryRun\": true}").patch("/api/v1/instances/" + id)
                .then().statusCode(200).body(not(containsString("acct-key")));
        try (TopicTail tail = new TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.INSTANCES)) {
            InstanceConfig event = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> tail.records().stream()
                    .filter(r -> r.key().equals(id) && r.value() != null).map(r -> Events.read(r.value(), InstanceConfig.class))
                    .filter(InstanceConfig::dryRun).findFirst().orElse(null), c -> c != null);
            assertEquals(new RedisCloudKeys("acct-key", "user-key"), RedisCloudKeys.fromJson(new SealedSecret(key).open(event.sealedCredentials())));
            assertEquals("4711", event.subscriptionId());
            org.junit.jupiter.api.Assertions.assertFalse(Events.write(event).contains("acct-key"));
        }
        given().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    /** A Pro database: sized by the GB, its catalog the sizes of a range at the subscription's own price per GB. */
    @Test
    void aProDatabaseIsSizedByTheGbAtItsSubscriptionsPrice() {
        String service = "rediscloud-pro-4712";
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "rc-pro-sessions", "provider": "rediscloud", "subscriptionId": "4712", "databaseId": "51",
                         "credentials": {"apiKey": "acct-key", "secretKey": "user-key"}, "redisUrl": "redis://:db-pass@127.0.0.1:6399"}""")
                .post("/api/v1/instances").then().statusCode(201).body("service", equalTo(service))
                .body("databaseId", equalTo("51")).body("plan", equalTo("rediscloud-pro:1.5"))
                .body("maxPlan", equalTo("rediscloud-pro:100")).extract().path("id");
        // 2 shards × $0.124 × 720 h over 4 GB = $44.64 a GB-month; 1.5 GB costs $66.96.
        given().queryParam("service", service).get("/api/v1/plans").then().statusCode(200)
                .body("size()", equalTo(200)).body("[0].name", equalTo("rediscloud-pro:0.5"))
                .body("find { it.name == 'rediscloud-pro:1.5' }.memoryBytes", equalTo(1_500_000_000))
                .body("find { it.name == 'rediscloud-pro:1.5' }.priceMonthUsd", equalTo(66.96f));
        given().delete("/api/v1/instances/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body("""
                        {"name": "rc-pro-missing", "provider": "rediscloud", "subscriptionId": "4712", "databaseId": "52",
                         "credentials": {"apiKey": "acct-key", "secretKey": "user-key"}, "redisUrl": "redis://127.0.0.1:6399"}""")
                .post("/api/v1/instances").then().statusCode(422).body("errors.field", hasItem("databaseId"));
    }

    @jakarta.inject.Inject
    io.redisscale.collector.rediscloud.RedisCloudCatalogRefresher refresher;

    /** Between registrations the catalog is read again: a price Redis Cloud changed reaches the plan. */
    @Test
    void theCatalogIsReadAgainBetweenRegistrations() {
        String id = given().contentType(ContentType.JSON).body(body("rc-refresh", "4711", "acct-key")).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");
        given().get("/api/v1/plans/rediscloud-essentials:1002").then().statusCode(200).body("priceMonthUsd", equalTo(22.0f));
        RedisCloudWireMock.server.stubFor(get(urlPathEqualTo("/v1/fixed/plans"))
                .withQueryParam("provider", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWS"))
                .willReturn(json(200, PLANS.replace("\"price\": 22", "\"price\": 24"))));
        org.junit.jupiter.api.Assertions.assertTrue(refresher.refresh() >= 1);
        given().get("/api/v1/plans/rediscloud-essentials:1002").then().statusCode(200).body("priceMonthUsd", equalTo(24.0f));
        given().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void whatRedisCloudRefusesIsA422NamingTheField() {
        given().contentType(ContentType.JSON).body(body("rc-wrong-keys", "4711", "wrong")).post("/api/v1/instances")
                .then().statusCode(422).body("errors.field", hasItem("credentials"))
                .body("detail", containsString("Redis Cloud refused the keys (401)"));
        given().contentType(ContentType.JSON).body(body("rc-no-such", "999", "acct-key")).post("/api/v1/instances")
                .then().statusCode(422).body("errors.field", hasItem("subscriptionId"));
        given().contentType(ContentType.JSON).body("""
                        {"name": "rc-no-keys", "provider": "rediscloud", "subscriptionId": "4711", "redisUrl": "redis://127.0.0.1:6399"}""")
                .post("/api/v1/instances").then().statusCode(422).body("errors.field", hasItem("credentials"));
    }
}
