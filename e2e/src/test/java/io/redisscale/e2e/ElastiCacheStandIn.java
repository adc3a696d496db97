package io.redisscale.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ElastiCache API (AWS Query protocol: form-encoded POSTs naming their {@code Action}, XML answers with the API
 * reference's shapes) with replication groups that keep their state: {@code ModifyReplicationGroup} puts the group in
 * {@code modifying} for a few reads (or while held), then {@code available} on the new node type with its member
 * cluster still modifying for one more read. Faults per group: answers to give the next modifications first
 * (Throttling, 503), a modification applied but answered after the client gave up, a held change.
 */
final class ElastiCacheStandIn implements AutoCloseable {
    static final String NS = "http://elasticache.amazonaws.com/doc/2015-02-02/";
    private static final AtomicLong IDS = new AtomicLong();

    /** One replication group, one member cluster, and the faults it is to show. */
    static final class Group {
        final String id = "e2e-group-" + IDS.incrementAndGet();
        volatile String nodeType;
        volatile String status = "available";
        volatile String memberStatus = "available";
        volatile int readsUntilDone;
        volatile boolean hold;
        /** Answers for the next modifications, before one is applied: 503, or 400 for Throttling. */
        final Deque<Integer> modifyRefusals = new ArrayDeque<>();
        volatile long lateAnswerMs;
        final AtomicInteger modificationsReceived = new AtomicInteger();
        final AtomicInteger changesApplied = new AtomicInteger();

        Group(String nodeType) {
            this.nodeType = nodeType;
        }

        synchronized void apply(String newType) {
            nodeType = newType;
            status = "modifying";
            memberStatus = "modifying";
            readsUntilDone = 2;
            changesApplied.incrementAndGet();
        }

        synchronized String describe() {
            if ("modifying".equals(status) && !hold && --readsUntilDone <= 0) {
                status = "available"; // the members follow on their next read
            }
            return group("DescribeReplicationGroups", "<ReplicationGroups><ReplicationGroup>" + body() + "</ReplicationGroup></ReplicationGroups>");
        }

        synchronized String describeMember() {
            String answer = """
                    <CacheClusters><CacheCluster><CacheClusterId>%s-001</CacheClusterId><CacheClusterStatus>%s</CacheClusterStatus>
                    <CacheNodeType>%s</CacheNodeType><Engine>redis</Engine><ReplicationGroupId>%s</ReplicationGroupId></CacheCluster></CacheClusters>
                    """.formatted(id, memberStatus, nodeType, id);
            if ("available".equals(status)) {
                memberStatus = "available";
            }
            return group("DescribeCacheClusters", answer);
        }

        synchronized String modified() {
            return group("ModifyReplicationGroup", "<ReplicationGroup>" + body() + "</ReplicationGroup>");
        }

        private String body() {
            return """
                    <ReplicationGroupId>%s</ReplicationGroupId><Description>e2e</Description><Status>%s</Status>
                    <MemberClusters><ClusterId>%s-001</ClusterId></MemberClusters><CacheNodeType>%s</CacheNodeType>
                    <ClusterEnabled>false</ClusterEnabled><AutomaticFailover>disabled</AutomaticFailover><Engine>redis</Engine>
                    """.formatted(id, status, id, nodeType);
        }
    }

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final WireMockServer server;

    ElastiCacheStandIn() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new Behaviour()));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(ok()));
    }

    String url() {
        return server.baseUrl();
    }

    Group group(String nodeType) {
        Group g = new Group(nodeType);
        groups.put(g.id, g);
        return g;
    }

    static String group(String action, String result) {
        return "<%sResponse xmlns=\"%s\"><%sResult>%s</%sResult><ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>"
                .formatted(action, NS, action, result, action, java.util.UUID.randomUUID(), action);
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "elasticache-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> form = new HashMap<>();
            for (String pair : event.getRequest().getBodyAsString().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String action = form.getOrDefault("Action", "");
            String id = form.getOrDefault("ReplicationGroupId", form.getOrDefault("CacheClusterId", "").replaceAll("-\\d{3}$", ""));
            Group g = groups.get(id);
            try {
                if (g == null) {
                    return error(404, "ReplicationGroupNotFoundFault", "ReplicationGroup " + id + " not found.");
                }
                return switch (action) {
                    case "DescribeReplicationGroups" -> xml(200, g.describe());
                    case "DescribeCacheClusters" -> xml(200, g.describeMember());
                    case "ListAllowedNodeTypeModifications" -> xml(200, group(action, """
                            <ScaleUpModifications><member>cache.t4g.small</member><member>cache.t4g.medium</member></ScaleUpModifications>
                            <ScaleDownModifications/>"""));
                    case "ModifyReplicationGroup" -> modify(g, form);
                    default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
                };
            } catch (Exception e) {
                return error(500, "InternalFailure", "stand-in failure: " + e);
            }
        }

        private ResponseDefinition modify(Group g, Map<String, String> form) throws InterruptedException {
            g.modificationsReceived.incrementAndGet();
            Integer refusal;
            synchronized (g) {
                refusal = g.modifyRefusals.poll();
            }
            if (refusal != null) {
                return refusal == 400 ? error(400, "Throttling", "Rate exceeded")
                        : error(refusal, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
            }
            if (!"modifying".equals(g.status) && !"true".equals(form.get("ApplyImmediately"))) {
                return error(400, "InvalidParameterCombination", "the stand-in only takes ApplyImmediately=true");
            }
            if ("modifying".equals(g.status)) {
                return error(400, "InvalidReplicationGroupState", "Replication group must be in available state to modify.");
            }
            g.apply(form.get("CacheNodeType"));
            String answer = g.modified();
            long late = g.lateAnswerMs;
            g.lateAnswerMs = 0;
            if (late > 0) {
                Thread.sleep(late); // applied, but the answer comes after the client gave up
            }
            return xml(200, answer);
        }
    }

    private static ResponseDefinition xml(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body).build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return xml(status, """
                <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                <RequestId>%s</RequestId></ErrorResponse>""".formatted(NS, code, message, java.util.UUID.randomUUID()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
