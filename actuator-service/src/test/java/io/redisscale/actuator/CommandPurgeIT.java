package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finished commands and their steps older than the keep period go; recent and unfinished ones stay. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class CommandPurgeIT {
    @Inject
    CommandPurge purge;

    @Test
    void purgesOldFinishedCommandsWithTheirSteps() {
        Instant now = Instant.now();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID stuck = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            command(old, "done", now.minus(Duration.ofDays(31)));
            command(recent, "done", now.minus(Duration.ofDays(1)));
            command(stuck, "verifying", now.minus(Duration.ofDays(40)));
        });
        purge.purge();
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(0, CommandEntity.count("commandId", old));
            assertEquals(0, AttemptEntity.count("commandId", old));
            assertEquals(1, CommandEntity.count("commandId", recent));
            assertEquals(1, AttemptEntity.count("commandId", recent));
            assertEquals(1, CommandEntity.count("commandId", stuck)); // unfinished: kept for its resume
        });
    }

    private static void command(UUID id, String state, Instant at) {
        CommandEntity c = new CommandEntity();
        c.commandId = id;
        c.instanceId = UUID.randomUUID();
        c.fromPlan = "rediscloud:30";
        c.toPlan = "rediscloud:100";
        c.direction = "up";
        c.decidedAt = at;
        c.payload = "{}";
        c.state = state;
        c.receivedAt = at;
        c.finishedAt = "done".equals(state) ? at : null;
        c.persist();
        AttemptEntity a = new AttemptEntity();
        a.commandId = id;
        a.at = at;
        a.action = "GET addon";
        a.result = "200";
        a.persist();
    }
}
