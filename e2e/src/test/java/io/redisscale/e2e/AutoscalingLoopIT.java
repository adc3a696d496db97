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

    @BeforeAll
    static void start() throws Exception {
        TestServers.emptyBroker();
        servers = new TestServers();
        int[] smtp = servers.startSmtp();
        servers.startServices(Map.of(
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
    }

    @Test
    void aRedisOverItsThresholdIsScaledUpAndPeopleAreTold() throws Exception {
        int port = servers.startRedis(SMALL_PLAN);
        TestServers.fill(port, 24_000);
        try (TopicTail commands = new TopicTail(TestServers.sharedKafka(), Topics.SCALE_COMMANDS);
             TopicTail outcomes = new TopicTail(TestServers.sharedKafka(), Topics.SCALE_OUTCOMES)) {
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
            assertTrue(raw.contains("Monthly cost change: +10.00 USD/month"), raw);
            assertTrue(raw.contains("Content-Type: text/html"), raw);

            HttpResponse<String> decisions = servers.get("decision", "/api/v1/instances/" + id + "/decisions");
            assertTrue(decisions.body().contains("\"action\":\"up\""), decisions.body());
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
