package io.redisscale.decision;

import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.decision.state.InstanceStates;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.runtime.Replica;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Data missing longer than the limit opens one alert episode; a good sample closes it. */
@QuarkusTest
class MissingDataIT {
    @Inject
    InstanceStates states;
    @Inject
    DecisionEngine engine;
    @Inject
    Replica replica;

    @Test
    void silenceOpensAnEpisodeAndASampleClosesIt() {
        UUID id = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.local("silent-" + id).id(id)
                .plan("rediscloud:100").build());
        engine.onSamples(List.of(sample(id, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).minusSeconds(20 * 60))));
        engine.checkMissingData();
        assertTrue(open(id));
        engine.onSamples(List.of(sample(id, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS))));
        assertFalse(open(id));
    }

    private boolean open(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> states.find(id).orElseThrow().dataMissingOpen);
    }

    private static MetricSample sample(UUID id, Instant at) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 20_000_000L, 2,
                "rediscloud:100", 100_000_000L, 256, 100_000_000L, 256, 0L, 0L);
    }
}
