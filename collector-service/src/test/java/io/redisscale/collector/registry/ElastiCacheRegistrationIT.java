package io.redisscale.collector.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.ElastiCacheWireMock;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration of an elasticache instance asks AWS (a stand-in speaking the Query protocol with the API reference's
 * XML) which node type the replication group runs on: that is its plan, from the region's bundled catalog; a group AWS
 * does not know is a 422 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(value = ElastiCacheWireMock.class, restrictToAnnotatedClass = true)
class ElastiCacheRegistrationIT {
    static final String NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @BeforeEach
    void stubs() {
        var wm = ElastiCacheWireMock.server;
        wm.resetAll();
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeReplicationGroups"))
                .withRequestBody(containing("ReplicationGroupId=orders")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/xml").withBody("""
                                <DescribeReplicationGroupsResponse xmlns="%s">
                                  <DescribeReplicationGroupsResult><ReplicationGroups><ReplicationGroup>
                                    <ReplicationGroupId>orders</ReplicationGroupId><Status>available</Status>
                                    <MemberClusters><ClusterId>orders-001</ClusterId></MemberClusters>
                                    <CacheNodeType>cache.r7g.large</CacheNodeType><Engine>redis</Engine>
                                  </ReplicationGroup></ReplicationGroups></DescribeReplicationGroupsResult>
                                  <ResponseMetadata><RequestId>1d1b0b7e-0001-4c61-9d0b-2f1d3a4b5c6d</RequestId></ResponseMetadata>
                                </DescribeReplicationGroupsResponse>""".formatted(NS))));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeReplicationGroups"))
                .withRequestBody(containing("ReplicationGroupId=nothere")).willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "text/xml").withBody("""
                                <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>ReplicationGroupNotFoundFault</Code>
                                <Message>Replication group nothere not found.</Message></Error>
                                <RequestId>1d1b0b7e-0002-4c61-9d0b-2f1d3a4b5c6d</RequestId></ErrorResponse>""".formatted(NS))));
    }

    static String body(String name, String group) {
        return """
                {"name": "%s", "provider": "elasticache", "replicationGroupId": "%s", "region": "us-east-1",
                 "redisUrl": "rediss://:token@127.0.0.1:6399"}""".formatted(name, group);
    }

    @Test
    void theGroupsNodeTypeIsItsPlan() {
        String id = given().contentType(ContentType.JSON).body(body("ec-orders", "orders")).post("/api/v1/instances")
                .then().statusCode(201).body("service", equalTo("elasticache-us-east-1"))
                .body("plan", equalTo("elasticache-us-east-1:cache.r7g.large")).body("replicationGroupId", equalTo("orders"))
                .body("region", equalTo("us-east-1")).body("minPlan", equalTo("elasticache-us-east-1:cache.t4g.micro"))
                .body(not(containsString("token"))).extract().path("id");
        given().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    @Test
    void aGroupAwsDoesNotKnowIsRefused() {
        given().contentType(ContentType.JSON).body(body("ec-nothere", "nothere")).post("/api/v1/instances")
                .then().statusCode(422).body("errors.field", hasItem("replicationGroupId"))
                .body("detail", containsString("no replication group 'nothere'"));
    }

    /**
     * A region the collector bundles no catalog for: refused with how to add one; once its catalog is PUT (the file
     * format, as ./autoscaler catalog makes it), the group registers on that region's plans. A bad catalog is a 422.
     */
    @Test
    void aRegionWithoutACatalogTakesOneThroughTheApi() {
        String eu = """
                {"name": "ec-eu", "provider": "elasticache", "replicationGroupId": "orders", "region": "eu-west-1",
                 "redisUrl": "rediss://:token@127.0.0.1:6399"}""";
        given().contentType(ContentType.JSON).body(eu).post("/api/v1/instances").then().statusCode(422)
                .body("errors.field", hasItem("replicationGroupId")).body("detail", containsString("PUT /api/v1/catalogs/elasticache-eu-west-1"));
        String catalog = """
                {"service": "elasticache-eu-west-1", "source_date": "2026-12-01T12:00:00Z", "plans": [
                 {"name": "elasticache-eu-west-1:cache.t4g.micro", "memory_bytes": 536870912, "max_connections": 65000, "price_month_usd": 13.14},
                 {"name": "elasticache-eu-west-1:cache.r7g.large", "memory_bytes": 14033805640, "max_connections": 65000, "price_month_usd": 176.66}]}""";
        given().contentType(ContentType.JSON).body(catalog).put("/api/v1/catalogs/elasticache-eu-west-1").then().statusCode(200)
                .body("name", equalTo(java.util.List.of("elasticache-eu-west-1:cache.t4g.micro", "elasticache-eu-west-1:cache.r7g.large")));
        String id = given().contentType(ContentType.JSON).body(eu).post("/api/v1/instances").then().statusCode(201)
                .body("service", equalTo("elasticache-eu-west-1")).body("plan", equalTo("elasticache-eu-west-1:cache.r7g.large"))
                .extract().path("id");
        given().delete("/api/v1/instances/" + id).then().statusCode(204);

        given().contentType(ContentType.JSON).body(catalog).put("/api/v1/catalogs/elasticache-eu-central-1").then().statusCode(422)
                .body("errors.field", hasItem("service"));
        given().contentType(ContentType.JSON).body(catalog.replace("536870912", "0")).put("/api/v1/catalogs/elasticache-eu-west-1")
                .then().statusCode(422).body("errors.field", hasItem("body")).body("detail", containsString("memory_bytes above 0"));
        given().contentType(ContentType.JSON).body("""
                        {"service": "mine", "plans": [{"name": "rediscloud:30", "memory_bytes": 1, "max_connections": 1, "price_month_usd": 1}]}""")
                .put("/api/v1/catalogs/mine").then().statusCode(422).body("errors.field", hasItem("plans"))
                .body("detail", containsString("belongs to service 'rediscloud'"));
    }
}
