package io.redisscale.decision.state;

import io.redisscale.decision.DecisionEngine;
import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.runtime.Replica;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** After a restart (windows lost) the first sample finds its window rebuilt from the stored samples. */
@QuarkusTest
class WindowRebuildIT {
    @org.junit.jupiter.api.BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Inject
    DecisionEngine engine;
    @Inject
    Windows windows;
    @Inject
    Replica replica;

    @Test
    void aRestartedReplicaDecidesOnTheWholeWindow() {
        UUID id = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.local("rebuild-" + id).id(id).build());
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // Observed for more than a day (until then any sample over the threshold scales up at once: RiseCalendar).
        engine.onSamples(List.of(sample(id, now.minus(java.time.Duration.ofHours(24).plusMinutes(30)), 10_000_000L)));
        engine.onSamples(List.of(sample(id, now.minusSeconds(60))));
        engine.onSamples(List.of(sample(id, now.minusSeconds(30))));
        given().when().get("/api/v1/instances/" + id + "/decisions").then().body("findAll { it.action == 'up' }.size()", equalTo(0));

        windows.clear();
        // One sample alone cannot show a breach held for 60 s, nor a day observed (alone, it would be a first day's
        // rise_room): only the rebuilt window and profile can.
        engine.onSamples(List.of(sample(id, now)));
        given().when().get("/api/v1/instances/" + id + "/decisions").then()
                .body("[0].action", equalTo("up")).body("[0].toPlan", equalTo("rediscloud:100"))
                .body("[0].reasonCode", equalTo("sustained_breach"));
    }

    /** A sample dated an hour ahead, or ok without readings, is ignored and counted: it never freezes the window. */
    @Test
    void anUnusableSampleIsIgnoredAndTheWindowGoesOn() {
        UUID id = UUID.randomUUID();
        PolicyFixtures.register(replica, InstanceFixtures.local("skewed-" + id).id(id).build());
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long before = engine.ignoredSamples();
        MetricSample unreadable = new MetricSample(UUID.randomUUID(), id, now.minusSeconds(90), MetricSample.Status.ok, null, null, null,
                "rediscloud:30", 30_000_000L, 30, null, null, null, null);
        engine.onSamples(List.of(sample(id, now.plusSeconds(3600)), // a clock an hour fast
                unreadable));
        assertEquals(before + 2, engine.ignoredSamples());
        // And operators see them counted.
        String metrics = given().header("Authorization", "Bearer test-token").when().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.matches("(?s).*\\nautoscaler_samples_ignored_total(\\{[^}]*\\})? [1-9].*"), "ignored samples counted");
        engine.onSamples(List.of(sample(id, now.minusSeconds(60))));
        engine.onSamples(List.of(sample(id, now.minusSeconds(30))));
        engine.onSamples(List.of(sample(id, now)));
        given().when().get("/api/v1/instances/" + id + "/decisions").then()
                .body("[0].action", equalTo("up")).body("[0].toPlan", equalTo("rediscloud:100"));
    }

    private static MetricSample sample(UUID id, Instant at) {
        return sample(id, at, 27_000_000L);
    }

    private static MetricSample sample(UUID id, Instant at, long usedMemory) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, usedMemory, 2,
                "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, 0L, 0L);
    }
}
