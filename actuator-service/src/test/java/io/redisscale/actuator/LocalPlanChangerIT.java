package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.Plan;
import io.redisscale.events.ReasonCode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.TestInfraResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local provider on a real Redis: the plan's limits become maxmemory and maxclients. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class LocalPlanChangerIT {
    @Inject
    LocalPlanChanger changer;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "test.redis.host")
    String host;
    @ConfigProperty(name = "test.redis.port")
    int port;
    @ConfigProperty(name = "autoscaler.secret-key")
    String key;

    Redis redis;
    String maxmemoryBefore;
    String maxclientsBefore;

    @BeforeEach
    void remember() {
        redis = Redis.createClient(vertx, "redis://" + host + ":" + port);
        maxmemoryBefore = get("maxmemory");
        maxclientsBefore = get("maxclients");
    }

    @AfterEach
    void restore() {
        // The Redis may be shared with other work: leave it as it was.
        send(Request.cmd(Command.CONFIG).arg("SET").arg("maxmemory").arg(maxmemoryBefore));
        send(Request.cmd(Command.CONFIG).arg("SET").arg("maxclients").arg(maxclientsBefore));
        redis.close();
    }

    @Test
    void setsThePlansLimitsAndRecordsEachCall() {
        RecordingLog log = new RecordingLog();
        List<String> calls = log.calls;
        Plan catalog250 = new Plan("rediscloud:250", "rediscloud", 250_000_000L, 256, 25);
        PlanChanger.Result r = changer.change(instance(), command(catalog250), catalog250, log);
        assertEquals(PlanChanger.Result.Status.succeeded, r.status(), r.detail());
        assertEquals("250000000", get("maxmemory"));
        assertEquals("256", get("maxclients"));
        assertEquals(List.of("CONFIG SET maxmemory 250000000 -> OK", "CONFIG SET maxclients 256 -> OK",
                "CONFIG GET maxmemory -> 250000000"), calls);

        PlanChanger.Result again = changer.change(instance(), command(catalog250), catalog250, new RecordingLog());
        assertEquals(PlanChanger.Result.Status.succeeded, again.status());
        assertEquals("already on rediscloud:250", again.detail());
    }

    @Test
    void anUnreachableRedisFails() {
        InstanceConfig gone = InstanceFixtures.local("gone").sealedRedisUrl(new SealedSecret(key).seal("redis://127.0.0.1:1")).build();
        Plan catalog100 = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);
        PlanChanger.Result r = changer.change(gone, command(catalog100), catalog100, new RecordingLog());
        assertEquals(PlanChanger.Result.Status.failed, r.status());
    }

    /** Someone else's internal Redis (outside the tests' allow-list 127.0.0.0/8): no connection is even opened. */
    @Test
    void aPrivateTargetOutsideTheAllowListIsRefusedBeforeAnyCall() {
        InstanceConfig internal = InstanceFixtures.local("internal").sealedRedisUrl(new SealedSecret(key).seal("redis://10.20.30.40:6379")).build();
        Plan catalog100 = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);
        RecordingLog log = new RecordingLog();
        PlanChanger.Result r = changer.change(internal, command(catalog100), catalog100, log);
        assertEquals(PlanChanger.Result.Status.failed, r.status());
        assertTrue(r.detail().contains("AUTOSCALER_REDIS_ALLOW"), r.detail());
        assertEquals(List.of(), log.calls, "no call made");
    }

    /** A URL sealed under another key is a failed change with its reason, not an exception that dead-letters the command. */
    @Test
    void aUrlSealedWithAnotherKeyFailsWithItsReason() {
        InstanceConfig other = InstanceFixtures.local("other-key").sealedRedisUrl(new SealedSecret("another-key").seal("redis://" + host + ":" + port)).build();
        Plan catalog100 = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);
        PlanChanger.Result r = changer.change(other, command(catalog100), catalog100, new RecordingLog());
        assertEquals(PlanChanger.Result.Status.failed, r.status());
        assertTrue(r.detail().startsWith("cannot open the Redis URL"), r.detail());
    }

    /**
     * A rediss:// Redis with a self-signed certificate: changed when the instance allows that (as it is polled),
     * refused with the reason when it does not (the certificate and host name are verified).
     */
    @Test
    void aTlsRedisFollowsTheInstancesTlsSetting() throws Exception {
        try (io.redisscale.testsupport.TlsRedisServer tls = new io.redisscale.testsupport.TlsRedisServer("tls-" + UUID.randomUUID())) {
            String sealed = new SealedSecret(key).seal(tls.url(tls.password));
            Plan catalog250 = new Plan("rediscloud:250", "rediscloud", 250_000_000L, 256, 25);
            InstanceConfig verified = InstanceFixtures.local("tls-verified").sealedRedisUrl(sealed).tlsAllowSelfSigned(false).build();
            PlanChanger.Result refused = changer.change(verified, command(catalog250), catalog250, new RecordingLog());
            assertEquals(PlanChanger.Result.Status.failed, refused.status(), refused.detail());

            InstanceConfig selfSigned = InstanceFixtures.local("tls-self-signed").sealedRedisUrl(sealed).tlsAllowSelfSigned(true).build();
            PlanChanger.Result changed = changer.change(selfSigned, command(catalog250), catalog250, new RecordingLog());
            assertEquals(PlanChanger.Result.Status.succeeded, changed.status(), changed.detail());
            assertTrue(changed.detail().endsWith("-> 250000000, maxclients 256"), changed.detail());
        }
    }

    private InstanceConfig instance() {
        return InstanceFixtures.local("local-it").sealedRedisUrl(new SealedSecret(key).seal("redis://" + host + ":" + port)).build();
    }

    /** A command whose own copy of the plan is wrong: the limits set must be the catalog's, not these. */
    private static ScaleCommand command(Plan target) {
        Plan tampered = new Plan(target.name(), target.service(), 999_000_000L, 999, 0);
        return new ScaleCommand(UUID.randomUUID(), UUID.randomUUID(), "rediscloud:30", target.name(),
                ScaleCommand.Direction.up, ReasonCode.sustained_breach, "test", null, tampered, Instant.now());
    }

    private String get(String name) {
        var r = send(Request.cmd(Command.CONFIG).arg("GET").arg(name));
        return r.size() == 2 && !r.containsKey(name) ? r.get(1).toString() : r.get(name).toString();
    }

    private io.vertx.mutiny.redis.client.Response send(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(10));
    }
}
