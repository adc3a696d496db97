package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.Events;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import java.io.IOException;
import java.net.http.HttpResponse;
import io.redisscale.testsupport.TopicTail;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on real servers: a local Redis over its plan's threshold is registered, the decision
 * service commands a scale-up, the actuator raises maxmemory, and the notifier's email arrives.
 */
class AutoscalingLoopIT {
    static final long SMALL_PLAN = 30_000_000L;   // rediscloud:30
    static final long NEXT_PLAN = 100_000_000L;   // rediscloud:100
    static final ObjectMapper JSON = new ObjectMapper();

    static TestServers servers;
    static OtlpReceiver otlp;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers("e2e-autoscaling-loop");
        int[] smtp = servers.startSmtp();
        otlp = new OtlpReceiver();
        servers.startServices(Map.of(
                // Every service exports its spans, as to a tracing backend, a second after they end.
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s",
                "EMAIL_HOST", "127.0.0.1",
                "EMAIL_PORT", String.valueOf(smtp[0]),
                "SERVER_EMAIL", "autoscaler@example.com",
                // The latest sample decides, so the test needs no second poll 30 s later.
                "DECISION_UP_WINDOW", "0s"));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void aRedisOverItsThresholdIsScaledUpAndPeopleAreTold() throws Exception {
        int port = servers.startRedis(SMALL_PLAN);
        TestServers.fill(port, 24_000);
        double pollsBefore = servers.metric("collector", "autoscaler_polls_total", "status=\"ok\"");
        double upsBefore = servers.metric("decision", "autoscaler_decisions_total", "action=\"up\"");
        double changesBefore = servers.metric("actuator", "autoscaler_commands_total", "outcome=\"succeeded\"");
        double mailsBefore = servers.metric("notifier", "autoscaler_notifications_total", "channel=\"email\"", "result=\"sent\"");
        try (TopicTail commands = servers.tail(Topics.SCALE_COMMANDS);
             TopicTail outcomes = servers.tail(Topics.SCALE_OUTCOMES)) {
            HttpResponse<String> created = servers.post("collector", "/api/v1/instances", """
                    {"name": "e2e-orders", "provider": "local", "redisUrl": "redis://127.0.0.1:%d",
                     "plan": "rediscloud:30", "minPlan": "rediscloud:30", "maxPlan": "rediscloud:1000",
                     "metricRateSeconds": 30, "scalingRateSeconds": 60, "recipients": ["ops@example.com"]}
                    """.formatted(port));
            assertEquals(201, created.statusCode(), created.body());
            UUID id = UUID.fromString(JSON.readTree(created.body()).get("id").asText());

            ScaleCommand command = await("scale command").atMost(Duration.ofSeconds(60)).until(
                    () -> commands.values().stream().map(v -> Events.read(v, ScaleCommand.class))
                            .filter(c -> c.instanceId().equals(id)).findFirst().orElse(null),
                    c -> c != null);
            assertEquals("rediscloud:30", command.fromPlan());
            assertEquals("rediscloud:100", command.toPlan());
            assertEquals(ScaleCommand.Direction.up, command.direction());

            ScaleOutcome outcome = await("outcome").atMost(Duration.ofSeconds(60)).until(
                    () -> outcomes.values().stream().map(v -> Events.read(v, ScaleOutcome.class))
                            .filter(o -> o.commandId().equals(command.commandId())).findFirst().orElse(null),
                    o -> o != null);
            assertEquals(ScaleOutcome.Status.succeeded, outcome.status(), outcome.error());

            assertEquals(String.valueOf(NEXT_PLAN), TestServers.redis(port, "CONFIG", "GET", "maxmemory").split("\n")[1].trim());

            JsonNode mail = await("scale-up email").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                    () -> find(inbox("ops@example.com"), "scaled from rediscloud:30 to rediscloud:100"), m -> m != null);
            assertTrue(mail.get("subject").asText().startsWith("[RedisScale] e2e-orders"), mail.toString());
            String raw = mail.get("mimeMessage").asText();
            assertTrue(raw.contains("To: ops@example.com"), raw);
            assertTrue(raw.contains("Monthly cost change: +$10.00/month"), raw);
            assertTrue(raw.contains("Content-Type: text/html"), raw);

            theScaleUpIsOneTrace(id, command);

            HttpResponse<String> decisions = servers.get("decision", "/api/v1/instances/" + id + "/decisions");
            assertTrue(decisions.body().contains("\"action\":\"up\""), decisions.body());

            // What Prometheus would see: every service's counters moved, the instance's own gauges are there.
            assertTrue(servers.metric("collector", "autoscaler_polls_total", "status=\"ok\"") > pollsBefore, () -> "polls counted: "
                    + pollsBefore + " then " + java.util.Arrays.stream(get("collector", "/q/metrics").split("\n"))
                    .filter(l -> l.contains("autoscaler_polls")).toList());
            assertTrue(servers.metric("decision", "autoscaler_decisions_total", "action=\"up\"") > upsBefore, "scale-up counted");
            assertTrue(servers.metric("actuator", "autoscaler_commands_total", "outcome=\"succeeded\"") > changesBefore,
                    "plan change counted");
            assertTrue(servers.metric("actuator", "autoscaler_plan_change_duration_seconds_count") >= 1, "change timed");
            await("email counted").atMost(Duration.ofSeconds(30)).until(() -> servers.metric("notifier",
                    "autoscaler_notifications_total", "channel=\"email\"", "result=\"sent\"") > mailsBefore);
            await("the instance's gauges").atMost(Duration.ofSeconds(60)).until(() ->
                    servers.metric("collector", "autoscaler_instance_memory_plan_bytes", "redis_instance=\"e2e-orders\"") == NEXT_PLAN);
            assertTrue(servers.metric("collector", "autoscaler_instance_memory_used_bytes", "redis_instance=\"e2e-orders\"") > 0);
            StringBuilder scraped = new StringBuilder();
            for (String service : List.of("collector", "decision", "actuator", "notifier")) {
                // The path the Kubernetes startup probe asks (KubernetesManifestsTest) answers on every service.
                assertEquals(200, servers.get(service, TestServers.STARTED_PATH).statusCode(), service + " " + TestServers.STARTED_PATH);
                String body = servers.get(service, "/q/metrics").body();
                assertTrue(body.contains("autoscaler_outbox_backlog"), service);
                scraped.append(body);
            }
            // The shipped dashboard and alert rules name only series the services export (dead letters come
            // with the first one: DeadLettersIT checks that series).
            JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/monitoring/grafana-dashboard.json")));
            for (String file : List.of("grafana-dashboard.json", "prometheus-rules.yml")) {
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(autoscaler_[a-z_]+|kafka_consumer_[a-z_]+)")
                        .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/monitoring", file)));
                while (names.find()) {
                    String name = names.group(1);
                    assertTrue(name.equals("autoscaler_dead_letters_total") || scraped.indexOf("\n" + name) >= 0,
                            file + " names " + name + ", which no service exports");
                }
            }
        }
    }

    /**
     * One trace, from the poll that saw the breach to the email, across the four services: each step's span follows
     * from the one before, through the outbox and the Kafka headers; the actuator's log lines carry its id.
     */
    private static void theScaleUpIsOneTrace(UUID id, ScaleCommand command) throws IOException {
        List<OtlpReceiver.Span> trace;
        try {
            trace = await("the scale-up's trace, down to the email").atMost(Duration.ofSeconds(60)).until(() -> {
                List<OtlpReceiver.Span> spans = otlp.spans();
                String traceId = spans.stream().filter(s -> s.name().equals("plan change")
                                && id.toString().equals(s.attributes().get("autoscaler.instance.id")))
                        .map(OtlpReceiver.Span::traceId).findFirst().orElse(null);
                List<OtlpReceiver.Span> its = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
                return outcomeEmail(its) != null ? its : null;
            }, t -> t != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no trace from the poll to the email among the spans exported: " + otlp.summary(), e);
        }
        Map<String, OtlpReceiver.Span> byId = trace.stream().collect(java.util.stream.Collectors.toMap(OtlpReceiver.Span::spanId, s -> s));
        List<String> fromTheEmailUp = new java.util.ArrayList<>();
        for (OtlpReceiver.Span s = outcomeEmail(trace); s != null;
             s = s.parentSpanId() == null ? null : byId.get(s.parentSpanId())) {
            fromTheEmailUp.add(0, s.service() + " " + s.name().replaceAll("^process .*autoscaler\\.", "process autoscaler."));
            if (s.parentSpanId() != null) {
                assertTrue(byId.containsKey(s.parentSpanId()), s.name() + "'s parent was exported in the same trace: " + trace);
            }
        }
        assertEquals(List.of(
                "collector-service poll",
                "collector-service publish autoscaler.metrics",
                "decision-service process autoscaler.metrics",
                "decision-service publish autoscaler.scale-commands",
                "actuator-service process autoscaler.scale-commands",
                "actuator-service publish autoscaler.scale-outcomes",
                "notifier-service process autoscaler.scale-outcomes",
                "notifier-service email"), fromTheEmailUp);
        OtlpReceiver.Span change = trace.stream().filter(s -> s.name().equals("plan change")).findFirst().orElseThrow();
        OtlpReceiver.Span verify = trace.stream().filter(s -> s.name().equals("verify")).findFirst().orElseThrow();
        assertEquals("actuator-service process autoscaler.scale-commands", byId.get(change.parentSpanId()).service() + " "
                + byId.get(change.parentSpanId()).name().replaceAll("^process .*autoscaler\\.", "process autoscaler."));
        assertEquals(change.spanId(), verify.parentSpanId(), "the verification is the change's");
        assertEquals("rediscloud:100", change.attributes().get("autoscaler.plan.to"));
        assertEquals(id.toString(), trace.stream().filter(s -> s.name().equals("poll")).findFirst().orElseThrow()
                .attributes().get("autoscaler.instance.id"), "the poll of the instance scaled");
        // Spans name ids and plans, never a Redis URL (docs/tracing.md, "What spans carry").
        assertTrue(otlp.spans().stream().flatMap(s -> s.attributes().values().stream()).noneMatch(v -> v.contains("redis://")),
                "no span attribute holds a Redis URL");
        String executed = java.nio.file.Files.readAllLines(servers.log("actuator")).stream()
                .filter(l -> l.contains("command " + command.commandId())).reduce((a, b) -> b).orElseThrow();
        assertTrue(executed.contains(change.traceId()), "the log line carries the trace id: " + executed);
    }

    /** The email about the outcome (the sample may also have raised an alert, whose email is in the same trace). */
    private static OtlpReceiver.Span outcomeEmail(List<OtlpReceiver.Span> trace) {
        return trace.stream().filter(s -> s.name().equals("email") && trace.stream().anyMatch(p -> p.spanId().equals(s.parentSpanId())
                && p.name().endsWith("autoscaler.scale-outcomes"))).findFirst().orElse(null);
    }

    private static String get(String service, String path) {
        try {
            return servers.get(service, path).body();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static JsonNode inbox(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = servers.get("smtp-api", "/api/user/" + user + "/messages/INBOX");
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createArrayNode();
    }

    private static JsonNode find(JsonNode messages, String subjectPart) {
        for (JsonNode m : messages) {
            if (m.path("subject").asText().contains(subjectPart)) {
                return m;
            }
        }
        return null;
    }
}
