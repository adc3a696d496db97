package io.redisscale.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis Cloud's own API as the services meet it, with Essentials subscriptions that keep their state (shapes of the
 * API's reference): a plan change answers with a task, which is in progress for a few reads (or while held) and then
 * completed, the subscription {@code pending} meanwhile and then {@code active} on the new plan. Faults per
 * subscription: answers to give the next PUTs first (429, 503), a PUT applied but answered after the client gave up,
 * a held change.
 */
final class RedisCloudStandIn implements AutoCloseable {
    static final String ACCOUNT_KEY = "e2e-account-key";
    static final String USER_KEY = "e2e-user-key";
    /** The Essentials plans of AWS us-east-1: 30 MB, 100 MB and 1 GB. */
    static final List<Map<String, Object>> PLANS = List.of(plan(1001, 30, "MB", 5, "256"), plan(1002, 100, "MB", 10, "512"),
            plan(1003, 1, "GB", 22, "1024"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBSCRIPTION = Pattern.compile("/v1/fixed/subscriptions/(\\d+)");
    private static final Pattern TASK = Pattern.compile("/v1/tasks/([\\w-]+)");
    private static final AtomicLong IDS = new AtomicLong(700_000);

    /** One subscription and the faults it is to show. */
    static final class Subscription {
        final String id = String.valueOf(IDS.incrementAndGet());
        volatile long planId;
        volatile String status = "active";
        volatile String taskId;
        volatile int readsUntilDone;
        /** The change does not end while held. */
        volatile boolean hold;
        /** Answers (status codes) for the next PUTs, before one is applied. */
        final Deque<Integer> putRefusals = new ArrayDeque<>();
        /** The next applied PUT is answered this many ms late (past the client's read timeout). */
        volatile long lateAnswerMs;
        final AtomicInteger putsReceived = new AtomicInteger();
        final AtomicInteger changesApplied = new AtomicInteger();

        Subscription(long planId) {
            this.planId = planId;
        }

        synchronized Map<String, Object> json() {
            Map<String, Object> plan = PLANS.stream().filter(p -> ((Number) p.get("id")).longValue() == planId).findFirst().orElseThrow();
            return Map.ofEntries(Map.entry("id", Long.parseLong(id)), Map.entry("name", "e2e-" + id), Map.entry("status", status),
                    Map.entry("paymentMethodId", 8240), Map.entry("planId", planId), Map.entry("planName", "Standard"),
                    Map.entry("size", plan.get("size")), Map.entry("sizeMeasurementUnit", plan.get("sizeMeasurementUnit")),
                    Map.entry("provider", "AWS"), Map.entry("region", "us-east-1"), Map.entry("price", plan.get("price")),
                    Map.entry("pricePeriod", "Month"), Map.entry("priceCurrency", "USD"), Map.entry("maximumDatabases", 1),
                    Map.entry("availability", "Single-zone"), Map.entry("connections", plan.get("connections")),
                    Map.entry("creationDate", "2026-03-01T10:00:00Z"), Map.entry("links", List.of()));
        }

        synchronized Map<String, Object> apply(long newPlan) {
            planId = newPlan;
            status = "pending";
            taskId = UUID.randomUUID().toString();
            readsUntilDone = 2;
            changesApplied.incrementAndGet();
            return task("received");
        }

        /** Every read (of the subscription or its task) takes the change one step on, unless it is held. */
        private void advance() {
            if ("pending".equals(status) && !hold && --readsUntilDone <= 0) {
                status = "active";
            }
        }

        synchronized Map<String, Object> read() {
            advance();
            return json();
        }

        synchronized Map<String, Object> readTask() {
            advance();
            return task("active".equals(status) ? "processing-completed" : "processing-in-progress");
        }

        private Map<String, Object> task(String state) {
            return Map.of("taskId", taskId, "commandType", "fixedSubscriptionUpdateRequest", "status", state,
                    "description", "Task " + state, "timestamp", "2026-12-07T10:00:00.000Z",
                    "response", "processing-completed".equals(state) ? Map.of("resourceId", Long.parseLong(id)) : Map.of(),
                    "links", List.of(Map.of("rel", "self", "href", "/v1/tasks/" + taskId, "type", "GET")));
        }
    }

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final WireMockServer server;

    RedisCloudStandIn() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new Behaviour()));
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).willReturn(ok()));
    }

    /** The API's base, as {@code REDISCLOUD_API_URL} takes it. */
    String url() {
        return server.baseUrl() + "/v1";
    }

    Subscription subscription(long planId) {
        Subscription s = new Subscription(planId);
        subscriptions.put(s.id, s);
        return s;
    }

    private static Map<String, Object> plan(long id, int size, String unit, int price, String connections) {
        return Map.ofEntries(Map.entry("id", id), Map.entry("name", "Standard"), Map.entry("size", size),
                Map.entry("sizeMeasurementUnit", unit), Map.entry("provider", "AWS"), Map.entry("region", "us-east-1"),
                Map.entry("regionId", 1), Map.entry("price", price), Map.entry("priceCurrency", "USD"),
                Map.entry("pricePeriod", "Month"), Map.entry("maximumDatabases", 1), Map.entry("availability", "Single-zone"),
                Map.entry("connections", connections), Map.entry("supportReplication", true));
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "rediscloud-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String path = request.getUrl().replaceAll("\\?.*", "");
            try {
                if (!ACCOUNT_KEY.equals(request.getHeader("x-api-key")) || !USER_KEY.equals(request.getHeader("x-api-secret-key"))) {
                    return error(401, "Unauthorized", "Invalid API key");
                }
                if (path.equals("/v1/fixed/plans")) {
                    return json(200, Map.of("plans", PLANS, "links", List.of()));
                }
                Matcher m;
                if ((m = SUBSCRIPTION.matcher(path)).matches()) {
                    Subscription s = subscriptions.get(m.group(1));
                    if (s == null) {
                        return error(404, "Not Found", "Subscription " + m.group(1) + " not found");
                    }
                    if (!"PUT".equals(request.getMethod().getName())) {
                        return json(200, s.read());
                    }
                    s.putsReceived.incrementAndGet();
                    Integer refusal;
                    synchronized (s) {
                        refusal = s.putRefusals.poll();
                    }
                    if (refusal != null) {
                        return refusal == 429 ? error(429, "Too Many Requests", "Rate limit exceeded")
                                : error(refusal, "Service Unavailable", "The service is temporarily unavailable");
                    }
                    Map<String, Object> task = s.apply(JSON.readTree(request.getBodyAsString()).path("planId").asLong());
                    long late = s.lateAnswerMs;
                    s.lateAnswerMs = 0;
                    if (late > 0) {
                        Thread.sleep(late); // applied, but the answer comes after the client gave up
                    }
                    return json(202, task);
                }
                if ((m = TASK.matcher(path)).matches()) {
                    String task = m.group(1);
                    return subscriptions.values().stream().filter(s -> task.equals(s.taskId)).findFirst()
                            .map(s -> json(200, s.readTask())).orElseGet(() -> error(404, "Not Found", "Task " + task + " not found"));
                }
                return error(404, "Not Found", "No such resource");
            } catch (Exception e) {
                return error(500, "Internal Server Error", "stand-in failure: " + e);
            }
        }
    }

    private static ResponseDefinition json(int status, Object body) {
        try {
            return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition error(int status, String error, String message) {
        return json(status, Map.of("status", status, "error", error, "message", message));
    }

    @Override
    public void close() {
        server.stop();
    }
}
