package io.redisscale.actuator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.ElastiCacheWireMock;
import io.redisscale.testsupport.InstanceFixtures;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The elasticache provider through the AWS SDK against a stateful stand-in of the ElastiCache API (Query protocol,
 * the XML of its API reference): the node type changes only among the allowed modifications, with
 * ApplyImmediately, and is verified once the group and every member cluster are available on it; errors AWS names
 * fail with its words; throttling is retried by the SDK; one ModifyReplicationGroup per command.
 */
@QuarkusTest
@QuarkusTestResource(value = ElastiCacheWireMock.class, restrictToAnnotatedClass = true)
class ElastiCacheChangeIT {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";
    static final String FROM = "elasticache-us-east-1:cache.r7g.large";
    static final String TO = "elasticache-us-east-1:cache.r7g.xlarge";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "autoscaler.secret-key")
    String key;
    @Inject
    Replica replica;

    Harness harness;
    String group;
    InstanceConfig instance;

    @BeforeEach
    void setUp() throws Exception {
        ElastiCacheWireMock.server.resetAll();
        harness = new Harness(kafka);
        group = "orders-" + Long.toHexString(System.nanoTime());
        instance = InstanceFixtures.local("ec-" + group).provider(InstanceConfig.Provider.elasticache).service("elasticache-us-east-1")
                .replicationGroupId(group).region("us-east-1").plan(FROM)
                .minPlan("elasticache-us-east-1:cache.t4g.micro").maxPlan("elasticache-us-east-1:cache.r7g.4xlarge")
                .sealedRedisUrl(new SealedSecret(key).seal("redis://127.0.0.1:1")).build();
        harness.register(instance, replica);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A replication group as DescribeReplicationGroups answers it, with one member cluster. */
    String groups(String status, String nodeType) {
        return """
                <DescribeReplicationGroupsResponse xmlns="%s">
                  <DescribeReplicationGroupsResult>
                    <ReplicationGroups>
                      <ReplicationGroup>
                        <ReplicationGroupId>%s</ReplicationGroupId>
                        <Description>orders cache</Description>
                        <Status>%s</Status>
                        <MemberClusters><ClusterId>%s-001</ClusterId></MemberClusters>
                        <CacheNodeType>%s</CacheNodeType>
                        <ClusterEnabled>false</ClusterEnabled>
                        <AutomaticFailover>disabled</AutomaticFailover>
                        <Engine>redis</Engine>
                      </ReplicationGroup>
                    </ReplicationGroups>
                  </DescribeReplicationGroupsResult>
                  <ResponseMetadata><RequestId>7c4c1f0d-0001-4e61-9c0b-2f1d3a4b5c6d</RequestId></ResponseMetadata>
                </DescribeReplicationGroupsResponse>""".formatted(NS, group, status, group, nodeType);
    }

    String clusters(String status, String nodeType) {
        return """
                <DescribeCacheClustersResponse xmlns="%s">
                  <DescribeCacheClustersResult>
                    <CacheClusters>
                      <CacheCluster>
                        <CacheClusterId>%s-001</CacheClusterId>
                        <CacheClusterStatus>%s</CacheClusterStatus>
                        <CacheNodeType>%s</CacheNodeType>
                        <Engine>redis</Engine>
                        <ReplicationGroupId>%s</ReplicationGroupId>
                      </CacheCluster>
                    </CacheClusters>
                  </DescribeCacheClustersResult>
                  <ResponseMetadata><RequestId>7c4c1f0d-0002-4e61-9c0b-2f1d3a4b5c6d</RequestId></ResponseMetadata>
                </DescribeCacheClustersResponse>""".formatted(NS, group, status, nodeType, group);
    }

    static String allowed() {
        return """
                <ListAllowedNodeTypeModificationsResponse xmlns="%s">
                  <ListAllowedNodeTypeModificationsResult>
                    <ScaleUpModifications><member>cache.r7g.xlarge</member><member>cache.r7g.2xlarge</member></ScaleUpModifications>
                    <ScaleDownModifications><member>cache.m7g.large</member><member>cache.t4g.medium</member></ScaleDownModifications>
                  </ListAllowedNodeTypeModificationsResult>
                  <ResponseMetadata><RequestId>7c4c1f0d-0003-4e61-9c0b-2f1d3a4b5c6d</RequestId></ResponseMetadata>
                </ListAllowedNodeTypeModificationsResponse>""".formatted(NS);
    }

    String modified() {
        return """
                <ModifyReplicationGroupResponse xmlns="%s">
                  <ModifyReplicationGroupResult>
                    <ReplicationGroup>
                      <ReplicationGroupId>%s</ReplicationGroupId>
                      <Status>modifying</Status>
                      <MemberClusters><ClusterId>%s-001</ClusterId></MemberClusters>
                      <CacheNodeType>cache.r7g.large</CacheNodeType>
                      <PendingModifiedValues/>
                    </ReplicationGroup>
                  </ModifyReplicationGroupResult>
                  <ResponseMetadata><RequestId>7c4c1f0d-0004-4e61-9c0b-2f1d3a4b5c6d</RequestId></ResponseMetadata>
                </ModifyReplicationGroupResponse>""".formatted(NS, group, group);
    }

    static String error(String code, String message) {
        return """
                <ErrorResponse xmlns="%s">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>7c4c1f0d-0005-4e61-9c0b-2f1d3a4b5c6d</RequestId>
                </ErrorResponse>""".formatted(NS, code, message);
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action)).withRequestBody(containing(group));
    }

    /**
     * The group on r7g.large until the modification; modifying for a read; then available on r7g.xlarge with its member
     * still modifying for a read (not yet done); then every member available.
     */
    void nodeTypeChanges(ResponseDefinitionBuilder... modifyFailuresFirst) {
        var wm = ElastiCacheWireMock.server;
        wm.stubFor(action("DescribeReplicationGroups").inScenario(group).whenScenarioStateIs(STARTED)
                .willReturn(xml(200, groups("available", "cache.r7g.large"))));
        wm.stubFor(action("ListAllowedNodeTypeModifications").willReturn(xml(200, allowed())));
        String state = STARTED;
        for (int i = 0; i < modifyFailuresFirst.length; i++) {
            wm.stubFor(action("ModifyReplicationGroup").inScenario(group).whenScenarioStateIs(state)
                    .willReturn(modifyFailuresFirst[i]).willSetStateTo("refused-" + i));
            wm.stubFor(action("DescribeReplicationGroups").inScenario(group).whenScenarioStateIs("refused-" + i)
                    .willReturn(xml(200, groups("available", "cache.r7g.large"))));
            state = "refused-" + i;
        }
        wm.stubFor(action("ModifyReplicationGroup").inScenario(group).whenScenarioStateIs(state)
                .withRequestBody(containing("CacheNodeType=cache.r7g.xlarge")).withRequestBody(containing("ApplyImmediately=true"))
                .willReturn(xml(200, modified())).willSetStateTo("modifying"));
        wm.stubFor(action("DescribeReplicationGroups").inScenario(group).whenScenarioStateIs("modifying")
                .willReturn(xml(200, groups("modifying", "cache.r7g.large"))).willSetStateTo("group-available"));
        wm.stubFor(action("DescribeReplicationGroups").inScenario(group).whenScenarioStateIs("group-available")
                .willReturn(xml(200, groups("available", "cache.r7g.xlarge"))));
        wm.stubFor(action("DescribeCacheClusters").inScenario(group).whenScenarioStateIs("group-available")
                .willReturn(xml(200, clusters("modifying", "cache.r7g.large"))).willSetStateTo("done"));
        wm.stubFor(action("DescribeReplicationGroups").inScenario(group).whenScenarioStateIs("done")
                .willReturn(xml(200, groups("available", "cache.r7g.xlarge"))));
        wm.stubFor(action("DescribeCacheClusters").inScenario(group).whenScenarioStateIs("done")
                .willReturn(xml(200, clusters("available", "cache.r7g.xlarge"))));
    }

    ScaleOutcome run(String to) throws Exception {
        var c = Harness.command(instance, FROM, to, Instant.now());
        harness.send(c);
        return harness.outcome(c.commandId(), WAIT);
    }

    int modifications() {
        return ElastiCacheWireMock.server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=ModifyReplicationGroup")).withRequestBody(containing(group))).size();
    }

    @Test
    void theNodeTypeChangesAndIsVerifiedOnEveryMember() throws Exception {
        nodeTypeChanges();
        ScaleOutcome o = run(TO);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, modifications());
        // Verified only once the member cluster was available too.
        assertEquals(2, ElastiCacheWireMock.server.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeCacheClusters"))).size());
    }

    @Test
    void aNodeTypeOutsideTheAllowedModificationsIsNeverSent() throws Exception {
        nodeTypeChanges();
        ScaleOutcome o = run("elasticache-us-east-1:cache.r7g.4xlarge");
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("does not allow"), o.error());
        assertEquals(0, modifications());
    }

    @Test
    void anErrorAwsNamesFailsWithItsWords() throws Exception {
        nodeTypeChanges(xml(400, error("InsufficientCacheClusterCapacity",
                "cache.r7g.xlarge (VPC) is not currently available in us-east-1c. Try another Availability Zone.")));
        ScaleOutcome o = run(TO);
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("InsufficientCacheClusterCapacity") && o.error().contains("not currently available"), o.error());
        assertEquals(1, modifications());
    }

    /**
     * The modification taken but answered after the client gave up (the test's call timeout is 1 s): the group is
     * read, found modifying, and the change followed there, never sent a second time.
     */
    @Test
    void aModificationAnsweredTooLateIsReadNotSentAgain() throws Exception {
        nodeTypeChanges();
        ElastiCacheWireMock.server.stubFor(action("ModifyReplicationGroup").inScenario(group).whenScenarioStateIs(STARTED)
                .withRequestBody(containing("CacheNodeType=cache.r7g.xlarge"))
                .willReturn(xml(200, modified()).withFixedDelay(3000)).willSetStateTo("modifying"));
        ScaleOutcome o = run(TO);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, modifications(), "sent once, its answer lost");
    }

    /** Throttling is tried again after reading the group: the change goes through on the next try, once. */
    @Test
    void throttlingIsRetried() throws Exception {
        nodeTypeChanges(xml(400, error("Throttling", "Rate exceeded")));
        ScaleOutcome o = run(TO);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(2, modifications(), "the throttled one and the one taken");
    }
}
