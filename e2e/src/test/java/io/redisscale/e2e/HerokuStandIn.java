package io.redisscale.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Heroku Platform API as the services meet it, with add-ons that keep their state: a PATCH moves
 * the add-on to the plan asked for, in {@code provisioning} for a few reads (or until released), then
 * {@code provisioned}. Answers have Heroku's shapes (add-on, add-on list, config vars, error ids). Faults
 * are set per add-on: PATCH answers to give first (503, 429), a PATCH answered only after the client
 * gave up, a held provisioning, the actuator's first read held.
 */
final class HerokuStandIn implements AutoCloseable {
    static final String ACTUATOR_KEY = "e2e-actuator-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDONS = Pattern.compile("/apps/([^/]+)/addons");
    private static final Pattern ADDON = Pattern.compile("/apps/([^/]+)/addons/([^/]+)");
    private static final Pattern CONFIG = Pattern.compile("/apps/([^/]+)/config-vars");

    /** One add-on and the faults it is to show. */
    static final class Addon {
        final String app;
        final String id = UUID.randomUUID().toString();
        final String redisUrl;
        volatile String plan;
        volatile String state = "provisioned";
        volatile int readsUntilProvisioned;
        /** Provisioning does not end while held. */
        volatile boolean hold;
        /** Answers (status codes) for the next PATCHes, before one is applied. */
        final Deque<Integer> patchRefusals = new ArrayDeque<>();
        /** The next applied PATCH is answered this many ms late (past the client's read timeout). */
        volatile long lateAnswerMs;
        /** The actuator's next read of the add-on is held this long; {@link #readHeld} tells it came. */
        volatile long holdActuatorReadMs;
        volatile boolean readHeld;
        final AtomicInteger patchesReceived = new AtomicInteger();
        /** When the first PATCH reached the stand-in. */
        volatile java.time.Instant firstPatchAt;
        final AtomicInteger patchesApplied = new AtomicInteger();

        Addon(String app, String plan, String redisUrl) {
            this.app = app;
            this.plan = plan;
            this.redisUrl = redisUrl;
        }

        synchronized Map<String, Object> json() {
            return Map.of("id", id, "name", "rediscloud-" + app, "addon_service",
                    Map.of("id", "8a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d", "name", "rediscloud"),
                    "app", Map.of("id", UUID.nameUUIDFromBytes(app.getBytes()).toString(), "name", app),
                    "plan", Map.of("id", UUID.nameUUIDFromBytes(plan.getBytes()).toString(), "name", plan),
                    "state", state, "config_vars", List.of("REDISCLOUD_URL"));
        }

        synchronized Map<String, Object> read() {
            if ("provisioning".equals(state) && !hold && --readsUntilProvisioned <= 0) {
                state = "provisioned";
            }
            return json();
        }

        synchronized Map<String, Object> apply(String newPlan) {
            plan = newPlan;
            state = "provisioning";
            readsUntilProvisioned = 2;
            patchesApplied.incrementAndGet();
            return json();
        }
    }

    private final Map<String, Addon> addons = new ConcurrentHashMap<>();
    private final WireMockServer server;

    HerokuStandIn() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new Behaviour()));
        server.start();
        server.stubFor(any(urlPathMatching("/apps/.*")).willReturn(ok()));
    }

    String url() {
        return server.baseUrl();
    }

    Addon addon(String app, String plan, String redisUrl) {
        Addon a = new Addon(app, plan, redisUrl);
        addons.put(a.id, a);
        return a;
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "heroku-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String path = request.getUrl().replaceAll("\\?.*", "");
            try {
                Matcher m;
                if ((m = ADDON.matcher(path)).matches()) {
                    Addon a = addons.get(m.group(2));
                    if (a == null || !a.app.equals(m.group(1))) {
                        return error(404, "not_found", "Couldn't find that add-on.");
                    }
                    if ("PATCH".equals(request.getMethod().getName())) {
                        if (a.patchesReceived.incrementAndGet() == 1) {
                            a.firstPatchAt = java.time.Instant.now();
                        }
                        Integer refusal;
                        synchronized (a) {
                            refusal = a.patchRefusals.poll();
                        }
                        if (refusal != null) {
                            return refusal == 429 ? error(429, "rate_limit", "Your account reached the API rate limit\n"
                                    + "Please wait a few minutes before making new requests")
                                    : error(refusal, "service_unavailable", "The service is currently unavailable.");
                        }
                        String plan = JSON.readTree(request.getBodyAsString()).path("plan").asText();
                        Map<String, Object> body = a.apply(plan);
                        long late = a.lateAnswerMs;
                        a.lateAnswerMs = 0;
                        if (late > 0) {
                            Thread.sleep(late); // applied, but the answer comes after the client gave up
                        }
                        return json(200, body);
                    }
                    if (a.holdActuatorReadMs > 0 && ("Bearer " + ACTUATOR_KEY).equals(request.getHeader("Authorization"))) {
                        long hold = a.holdActuatorReadMs;
                        a.holdActuatorReadMs = 0;
                        a.readHeld = true;
                        Thread.sleep(hold);
                    }
                    return json(200, a.read());
                }
                if ((m = ADDONS.matcher(path)).matches()) {
                    String app = m.group(1);
                    return json(200, addons.values().stream().filter(a -> a.app.equals(app)).map(Addon::json).toList());
                }
                if ((m = CONFIG.matcher(path)).matches()) {
                    String app = m.group(1);
                    return addons.values().stream().filter(a -> a.app.equals(app)).findFirst()
                            .map(a -> json(200, Map.of("REDISCLOUD_URL", a.redisUrl)))
                            .orElseGet(() -> error(404, "not_found", "Couldn't find that app."));
                }
                return error(404, "not_found", "Not found.");
            } catch (Exception e) {
                return error(500, "internal_server_error", "stand-in failure: " + e);
            }
        }
    }

    private static ResponseDefinition json(int status, Object body) {
        try {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", "application/json").withHeader("RateLimit-Remaining", "4000")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition error(int status, String id, String message) {
        var b = new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + id + "\", \"message\": \"" + message.replace("\n", "\\n") + "\"}");
        if (status == 429) {
            b.withHeader("RateLimit-Remaining", "0");
        }
        return b.build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
