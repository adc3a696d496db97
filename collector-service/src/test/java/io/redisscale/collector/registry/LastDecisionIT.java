package io.redisscale.collector.registry;

import io.redisscale.collector.TestKafka;
import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.ReasonCode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An instance's live state shows the last scale command from the broker and, once it ends, its outcome. */
@QuarkusTest
class LastDecisionIT {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    Instances instances;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void showsTheLastCommandAndItsOutcome() throws Exception {
        UUID id = instances.create(Requests.local("decided", "redis://127.0.0.1:1").build(), false).id;
        UUID commandId = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T09:00:00Z");
        TestKafka.send(kafka, Topics.SCALE_COMMANDS, id.toString(), Events.write(new ScaleCommand(commandId, id,
                "rediscloud:30", "rediscloud:100", ScaleCommand.Direction.up, ReasonCode.sustained_breach, "memory 91% of rediscloud:30 over 80% for 60 s",
                null, null, at)));
        String path = "/api/v1/instances/" + id;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get(path).then()
                .body("lastDecision.commandId", equalTo(commandId.toString()))
                .body("lastDecision.toPlan", equalTo("rediscloud:100"))
                .body("lastDecision.reasonCode", equalTo("sustained_breach"))
                .body("lastDecision.reason", equalTo("memory 91% of rediscloud:30 over 80% for 60 s"))
                .body("lastDecision.outcome", nullValue()));

        TestKafka.send(kafka, Topics.SCALE_OUTCOMES, id.toString(), Events.write(new ScaleOutcome(UUID.randomUUID(),
                commandId, id, ScaleOutcome.Status.succeeded, null, "rediscloud:30", "rediscloud:100", "plan changed",
                at.plusSeconds(1), at.plusSeconds(40), 39_000, null, null)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get(path).then()
                .body("lastDecision.outcome", equalTo("succeeded"))
                .body("lastDecision.outcomeAt", equalTo("2026-11-26T09:00:40Z"))
                .body("plan", equalTo("rediscloud:100")));
        instances.delete(id);
    }
}
