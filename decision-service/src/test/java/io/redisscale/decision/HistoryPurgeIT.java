package io.redisscale.decision;

import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.decision.state.InstanceState;
import io.redisscale.decision.state.InstanceStates;
import io.redisscale.decision.state.Windows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Old decisions and the state of deleted instances are purged; what is recent or registered stays. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class HistoryPurgeIT {
    @Inject
    InstanceStates states;
    @Inject
    HistoryPurge purge;
    @Inject
    Windows windows;
    @Inject
    Replica replica;

    @Test
    void purgesOldDecisionsAndDeletedInstancesOnly() {
        UUID registered = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.local("kept-" + registered).id(registered).build());
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            decision(registered, now.minus(Duration.ofDays(31)));
            decision(registered, now.minus(Duration.ofDays(1)));
            state(registered, now.minus(Duration.ofDays(3))); // silent, but registered: kept
            state(deleted, now.minus(Duration.ofDays(3)));
        });
        windows.add(sample(deleted, now.minus(Duration.ofDays(3))));

        purge.purge();

        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(1, DecisionEntity.count("instanceId", registered));
            assertTrue(DecisionEntity.<DecisionEntity>find("instanceId", registered).firstResult().at.isAfter(now.minus(Duration.ofDays(2))));
            assertTrue(states.find(registered).isPresent());
            assertFalse(states.find(deleted).isPresent());
        });
        assertTrue(windows.missing(deleted));
    }

    private static void decision(UUID id, Instant at) {
        DecisionEntity e = new DecisionEntity();
        e.instanceId = id;
        e.at = at;
        e.action = "up";
        e.fromPlan = "rediscloud:30";
        e.toPlan = "rediscloud:100";
        e.reasonCode = "sustained_breach";
        e.reason = "test";
        e.persist();
    }

    private void state(UUID id, Instant lastGood) {
        InstanceState s = states.readAll(java.util.List.of(id)).get(id);
        s.lastGoodSampleAt = lastGood;
        states.write(java.util.List.of(s));
    }

    private static MetricSample sample(UUID id, Instant at) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 1L, 1, "rediscloud:30",
                30_000_000L, 30, null, null, null, null);
    }
}
