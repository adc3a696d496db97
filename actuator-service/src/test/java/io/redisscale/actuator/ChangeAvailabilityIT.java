package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Availability;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.testsupport.RedisServer;
import io.redisscale.testsupport.TestInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Availability measured through a change, end to end on the real broker: the instance's own Redis is probed every
 * second from the command to the verified plan, and what was seen travels in the outcome and stays with the command.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class ChangeAvailabilityIT {
    @Inject
    Replica replica;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "autoscaler.secret-key")
    String key;

    /** A Redis that stops answering for five seconds as the change begins: the outage is counted, by class. */
    @Test
    void anOutageDuringAChangeIsMeasuredAndTravelsInTheOutcome() throws Exception {
        try (RedisServer redis = new RedisServer(); Harness harness = new Harness(kafka)) {
            InstanceConfig instance = local("stalled-" + UUID.randomUUID(), redis);
            harness.register(instance, replica);
            ScaleCommand command = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
            redis.stall(5);
            harness.send(command);
            ScaleOutcome outcome = harness.outcome(command.commandId(), Duration.ofSeconds(60));
            assertEquals(ScaleOutcome.Status.succeeded, outcome.status(), outcome.error());
            Availability a = outcome.availability();
            assertNotNull(a, "a change that was sent carries its availability");
            assertTrue(a.failedProbes() >= 1 && a.errors().getOrDefault("timeout", 0) >= 1, a.toString());
            assertEquals(a.failedProbes() * 1.0, a.unreachableSeconds(), 1e-9, a.toString());
            assertTrue(a.longestOutageSeconds() >= 1 && a.probes() > a.failedProbes(), "answered again after: " + a);
            assertFalse(a.endpointChanged() || a.credentialsChanged(), a.toString());
            String stored = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    CommandEntity.<CommandEntity>findById(command.commandId()).availability);
            assertEquals(a, io.redisscale.events.Events.read(stored, Availability.class), "kept with the command");
            // The step's figures by provider, in the stats the dashboard shows.
            io.redisscale.testsupport.ApiAuth.useTestToken();
            io.restassured.RestAssured.given().get("/api/v1/providers/stats").then().statusCode(200)
                    .body("find { it.provider == 'local' && it.fromPlan == 'rediscloud:30' && it.toPlan == 'rediscloud:100' }.changes",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("find { it.provider == 'local' && it.toPlan == 'rediscloud:100' }.unreachableSecondsMax",
                            org.hamcrest.Matchers.greaterThanOrEqualTo((float) a.unreachableSeconds()));
            io.restassured.RestAssured.given().queryParam("instance", instance.id()).get("/api/v1/actions").then().statusCode(200)
                    .body("[0].availability.failedProbes", org.hamcrest.Matchers.equalTo(a.failedProbes()));
        }
    }

    /** A change on a Redis that answers throughout: no outage, and the probes' latency. */
    @Test
    void aChangeWithoutOutageShowsNoneAndItsLatency() throws Exception {
        try (RedisServer redis = new RedisServer(); Harness harness = new Harness(kafka)) {
            InstanceConfig instance = local("steady-" + UUID.randomUUID(), redis);
            harness.register(instance, replica);
            ScaleCommand command = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
            harness.send(command);
            ScaleOutcome outcome = harness.outcome(command.commandId(), Duration.ofSeconds(60));
            Availability a = outcome.availability();
            assertNotNull(a);
            assertEquals(0, a.failedProbes(), a.toString());
            assertEquals(0.0, a.unreachableSeconds());
            assertTrue(a.probes() >= 1 && a.latencyMaxMs() > 0 && a.latencyP50Ms() <= a.latencyP99Ms(), a.toString());
        }
    }

    private InstanceConfig local(String name, RedisServer redis) {
        return InstanceFixtures.local(name).id(UUID.randomUUID()).sealedRedisUrl(new SealedSecret(key).seal(redis.url())).build();
    }
}
