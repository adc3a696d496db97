package io.redisscale.decision.state;

import io.redisscale.decision.DecisionEngine;
import io.redisscale.decision.policy.PolicyFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The actuator's measured change times become the decision's change latency, per service and plan pair. */
@QuarkusTest
class ChangeLatencyIT {
    @Inject
    DecisionEngine engine;
    @Inject
    Replica replica;
    @Inject
    Latencies latencies;

    @Test
    void learnsFromSucceededChangesOnly() {
        UUID id = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.heroku("app", null).id(id)
                .name("latency-" + id).configVar("REDIS_URL").service("heroku-redis").plan("heroku-redis:mini")
                .minPlan("heroku-redis:mini").maxPlan("heroku-redis:premium-5").build());
        engine.onOutcome(outcome(id, ScaleOutcome.Status.succeeded, "heroku-redis:premium-0", 100_000));
        engine.onOutcome(outcome(id, ScaleOutcome.Status.succeeded, "heroku-redis:premium-0", 200_000)); // 0.3*200 + 0.7*100
        engine.onOutcome(outcome(id, ScaleOutcome.Status.succeeded, "heroku-redis:premium-1", 90_000));
        engine.onOutcome(outcome(id, ScaleOutcome.Status.failed, "heroku-redis:premium-2", 900_000));
        engine.onOutcome(outcome(id, ScaleOutcome.Status.succeeded, "heroku-redis:premium-3", 0)); // nothing was changed

        // Read through the in-memory copy the decisions use: each learnt outcome reloads it.
        Optional<Duration> fromMini = QuarkusTransaction.requiringNew().call(() -> latencies.from("heroku", "heroku-redis", "heroku-redis:mini"));
        assertEquals(Optional.of(Duration.ofMillis(130_000)), fromMini, "the slowest pair from this plan");
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> latencies.from("heroku", "rediscloud", "heroku-redis:mini")));
        // Per provider: the same plan step through another provider is a latency of its own.
        assertEquals(Optional.empty(), QuarkusTransaction.requiringNew().call(() -> latencies.from("local", "heroku-redis", "heroku-redis:mini")));
    }

    private static ScaleOutcome outcome(UUID id, ScaleOutcome.Status status, String to, long ms) {
        Instant at = Instant.now();
        return new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), id, status, null, "heroku-redis:mini", to, "test",
                at.minusMillis(ms), at, ms, status == ScaleOutcome.Status.succeeded ? null : "no", null);
    }
}
