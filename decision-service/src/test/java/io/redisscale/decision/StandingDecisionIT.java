package io.redisscale.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.InstanceFixtures;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A decision without a command (here a dry run's "up") stands as long as the load does: it is stored when it is
 * first made and again a day later, not every scaling period (a row of inputs each time, per instance).
 */
@QuarkusTest
class StandingDecisionIT {
    @Inject
    DecisionEngine engine;
    @Inject
    Replica replica;

    @Test
    void aStandingDecisionIsStoredOnceADay() {
        UUID id = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.local("standing-" + id).id(id).dryRun(true).build());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            breach(id, t, 40); // 20 minutes over the threshold: twenty scaling periods of 60 s
            assertEquals(List.of("up"), actions(id));
            breach(id, t.plus(DecisionEngine.STANDING_REPEAT).plusSeconds(1200), 4);
            assertEquals(List.of("up", "up"), actions(id), "stored again once a day has passed");
        } finally {
            SettableClock.INSTANCE.clear();
        }
    }

    /** Samples every 30 s from {@code from}, each judged at its own time. */
    private void breach(UUID id, Instant from, int samples) {
        for (int i = 0; i <= samples; i++) {
            Instant at = from.plusSeconds(30L * i);
            SettableClock.INSTANCE.set(at);
            engine.onSamples(List.of(new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 27_000_000L, 2,
                    "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, 0L, 0L)));
        }
    }

    private static List<String> actions(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionEntity.<DecisionEntity>find("instanceId = ?1 order by at", id)
                .list().stream().map(d -> d.action).toList());
    }
}
