package io.redisscale.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.ReasonCode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actuator is killed (SIGKILL) after Heroku acknowledged the PATCH, while it verifies; started
 * again, it reads the add-on first and finishes the command: one PATCH, one succeeded outcome.
 */
class ActuatorCrashIT {
    static final String APP = "crash-app";
    static final String ADDON = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    static final String PATH = "/apps/" + APP + "/addons/" + ADDON;

    static TestServers servers;
    static WireMockServer heroku;

    @BeforeAll
    static void start() throws Exception {
        TestServers.emptyBroker();
        heroku = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        heroku.start();
        servers = new TestServers();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
        heroku.stop();
    }

    static Map<String, String> env(boolean clean) {
        return Map.of("HEROKU_API_URL", heroku.baseUrl(), "HEROKU_API_KEY", "e2e-heroku-key",
                "ACTUATOR_VERIFY_INTERVAL", "500ms", "QUARKUS_FLYWAY_CLEAN_AT_START", String.valueOf(clean));
    }

    static String addon(String plan, String state) {
        return """
                {"id": "%s", "name": "rediscloud-rigid-77", "addon_service": {"id": "8a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d",
                 "name": "rediscloud"}, "app": {"id": "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809", "name": "%s"},
                 "plan": {"id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "name": "%s"}, "state": "%s",
                 "config_vars": ["REDISCLOUD_URL"]}
                """.formatted(ADDON, APP, plan, state);
    }

    static void stubGet(String scenarioState, String plan, String state) {
        heroku.stubFor(get(urlEqualTo(PATH)).inScenario("crash").whenScenarioStateIs(scenarioState)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("RateLimit-Remaining", "4000").withBody(addon(plan, state))));
    }

    @Test
    void aCommandCutShortByACrashIsFinishedAfterTheRestartWithOnePatch() throws Exception {
        stubGet(STARTED, "rediscloud:30", "provisioned");
        heroku.stubFor(patch(urlEqualTo(PATH)).inScenario("crash").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(addon("rediscloud:100", "provisioning"))).willSetStateTo("patched"));
        stubGet("patched", "rediscloud:100", "provisioning"); // never done while the first actuator lives

        InstanceConfig instance = InstanceFixtures.heroku(APP, ADDON).name("crashy").build();
        ScaleCommand command = new ScaleCommand(UUID.randomUUID(), instance.id(), "rediscloud:30", "rediscloud:100",
                ScaleCommand.Direction.up, ReasonCode.sustained_breach, "memory over 80% for 60 s", null, null, Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestServers.KAFKA),
                new StringSerializer(), new StringSerializer())) {
            servers.startService("actuator", "actuator", env(true));
            servers.awaitReady("actuator");
            for (var p : io.redisscale.events.PlanCatalog.bundled("rediscloud")) { // the catalog the actuator checks against
                producer.send(new ProducerRecord<>(Topics.PLANS, p.name(), Events.write(p))).get(30, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>(Topics.INSTANCES, instance.id().toString(), Events.write(instance)))
                    .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.SCALE_COMMANDS, instance.id().toString(), Events.write(command)))
                    .get(30, TimeUnit.SECONDS);
        }
        // Verifying: the PATCH was answered and the add-on read after it at least twice.
        await("verifying").atMost(Duration.ofSeconds(60)).until(() ->
                heroku.findAll(patchRequestedFor(urlEqualTo(PATH))).size() == 1
                        && heroku.findAll(getRequestedFor(urlEqualTo(PATH))).size() >= 3);
        servers.kill("actuator");

        stubGet("patched", "rediscloud:100", "provisioned"); // Heroku finished meanwhile
        try (TopicTail outcomes = new TopicTail(TestServers.KAFKA, Topics.SCALE_OUTCOMES)) {
            servers.startService("actuator", "actuator", env(false));
            List<ScaleOutcome> mine = await("outcome").atMost(Duration.ofSeconds(90)).until(() -> outcomes.values().stream()
                    .map(v -> Events.read(v, ScaleOutcome.class)).filter(o -> o.commandId().equals(command.commandId()))
                    .toList(), l -> !l.isEmpty());
            // And no second outcome follows.
            mine = await("no second outcome").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> outcomes.values().stream().map(v -> Events.read(v, ScaleOutcome.class))
                            .filter(o -> o.commandId().equals(command.commandId())).toList(), l -> l.size() == 1);
            assertEquals(1, mine.size(), mine.toString());
            assertEquals(ScaleOutcome.Status.succeeded, mine.get(0).status(), mine.get(0).error());
        }
        assertEquals(1, heroku.findAll(patchRequestedFor(urlEqualTo(PATH))).size(), "one PATCH in all");
    }
}
