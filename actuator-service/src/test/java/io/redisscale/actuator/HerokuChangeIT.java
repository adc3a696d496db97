package io.redisscale.actuator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.Replica;
import io.redisscale.testsupport.HerokuWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Heroku provider end to end through the real broker and PostgreSQL, with WireMock answering as
 * the Platform API does (add-on objects, error bodies, RateLimit-Remaining).
 */
@QuarkusTest
@QuarkusTestResource(value = HerokuWireMock.class, restrictToAnnotatedClass = true)
class HerokuChangeIT {
    @Inject
    RecordingSleeper sleeper;
    static final Duration WAIT = Duration.ofSeconds(40);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @Inject
    Replica replica;
    @Inject
    CommandStore commands;
    @Inject
    CommandExecutor executor;
    @Inject
    Leases leases;
    @Inject
    ActuatorConfig config;
    @Inject
    io.redisscale.runtime.ConsumerGuard guard;

    Harness harness;
    String app;
    String addonId;
    String path;
    InstanceConfig instance;

    @BeforeEach
    void setUp() throws Exception {
        harness = new Harness(kafka);
        app = "app-" + UUID.randomUUID().toString().substring(0, 8);
        addonId = UUID.randomUUID().toString();
        path = "/apps/" + app + "/addons/" + addonId;
        instance = Harness.heroku(app, addonId, false);
        harness.register(instance, replica);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** An add-on object as Heroku returns it. */
    String addon(String plan, String state) {
        return """
                {"id": "%s", "name": "rediscloud-curved-%s", "addon_service": {"id": "8a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d",
                 "name": "rediscloud"}, "app": {"id": "1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809", "name": "%s"},
                 "plan": {"id": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "name": "%s"}, "state": "%s",
                 "config_vars": ["REDISCLOUD_URL"], "created_at": "2024-03-01T10:00:00Z", "updated_at": "2026-11-26T08:00:00Z"}
                """.formatted(addonId, app, app, plan, state);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("RateLimit-Remaining", "4000").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String id, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + id + "\", \"message\": \"" + message + "\"}");
    }

    /** GET answers: {@code from} until the PATCH, then {@code provisioningReads} x provisioning, then provisioned. */
    void addonMovesAfterPatch(String from, String to, int provisioningReads) {
        var wm = HerokuWireMock.server;
        wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(STARTED)
                .willReturn(json(200, addon(from, "provisioned"))));
        wm.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(STARTED)
                .withHeader("Accept", equalTo("application/vnd.heroku+json; version=3"))
                .withHeader("Authorization", equalTo("Bearer test-heroku-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"plan\": \"" + to + "\"}"))
                .willReturn(json(200, addon(to, "provisioning"))).willSetStateTo("read-0"));
        for (int i = 0; i < provisioningReads; i++) {
            wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("read-" + i)
                    .willReturn(json(200, addon(to, "provisioning"))).willSetStateTo("read-" + (i + 1)));
        }
        wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("read-" + provisioningReads)
                .willReturn(json(200, addon(to, "provisioned"))));
    }

    ScaleOutcome run(ScaleCommand c) throws Exception {
        harness.send(c);
        return harness.outcome(c.commandId(), WAIT);
    }

    int patches() {
        return HerokuWireMock.server.findAll(patchRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void succeedsAfterTwoReadsInProvisioningAndPublishesTheChangeTime() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 2);
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, patches());
        // Read before, then three reads after the PATCH: two provisioning, one provisioned.
        assertEquals(4, HerokuWireMock.server.findAll(getRequestedFor(urlEqualTo(path))).size());
        assertTrue(o.durationMs() >= 200, "PATCH to verified took " + o.durationMs() + " ms (two 100 ms waits at least)");
    }

    @Test
    void a422FailsAtOnceWithHerokusMessage() throws Exception {
        HerokuWireMock.server.stubFor(get(urlEqualTo(path)).willReturn(json(200, addon("rediscloud:30", "provisioned"))));
        HerokuWireMock.server.stubFor(patch(urlEqualTo(path)).willReturn(error(422, "invalid_params",
                "Plan rediscloud:100 is not available for this add-on.")));
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().contains("Plan rediscloud:100 is not available for this add-on."), o.error());
        assertTrue(o.error().contains("422"), o.error());
        assertEquals(1, patches());
    }

    @Test
    void a429WaitsForThePoolAndTriesAgain() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 0);
        // The first PATCH meets the rate limit (9 calls left: wait for one more to come back).
        HerokuWireMock.server.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(STARTED)
                .willReturn(error(429, "rate_limit", "Your account reached the API rate limit").withHeader("RateLimit-Remaining", "9"))
                .willSetStateTo("limited"));
        HerokuWireMock.server.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("limited")
                .willReturn(json(200, addon("rediscloud:30", "provisioned"))));
        HerokuWireMock.server.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("limited")
                .willReturn(json(200, addon("rediscloud:100", "provisioning"))).willSetStateTo("read-0"));
        sleeper.clear();
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(2, patches());
        // One call short of the ten a command may need: the pool refills one in 0.8 s, and that is the wait.
        assertTrue(sleeper.pauses().stream().anyMatch(d -> d.toMillis() >= 700 && d.toMillis() <= 900), sleeper.pauses().toString());
    }

    @Test
    void threeServiceUnavailablesThenSuccess() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 0);
        String state = STARTED;
        for (int i = 1; i <= 3; i++) {
            HerokuWireMock.server.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(state)
                    .willReturn(error(503, "unavailable", "Service temporarily unavailable")).willSetStateTo("down-" + i));
            // Between tries the add-on is read: still on the old plan, so the PATCH did not go through.
            HerokuWireMock.server.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("down-" + i)
                    .willReturn(json(200, addon("rediscloud:30", "provisioned"))));
            state = "down-" + i;
        }
        HerokuWireMock.server.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(state)
                .willReturn(json(200, addon("rediscloud:100", "provisioning"))).willSetStateTo("read-0"));
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(4, patches());
    }

    @Test
    void aChangeNeverVerifiedFailsAtTheTimeout() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 200); // more than 5 s of 100 ms reads
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.failed, o.status());
        assertTrue(o.error().startsWith("not verified within 5 s"), o.error());
        assertEquals(1, patches());
    }

    @Test
    void anAddonChangedByHandIsSkipped() throws Exception {
        HerokuWireMock.server.stubFor(get(urlEqualTo(path)).willReturn(json(200, addon("rediscloud:500", "provisioned"))));
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.skipped, o.status());
        assertEquals(ScaleOutcome.SkipReason.changed_by_hand, o.skipReason());
        assertTrue(o.error().contains("changed by hand"), o.error());
        assertEquals(0, patches());
    }

    @Test
    void theSameCommandDeliveredTwiceChangesOnce() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 1);
        ScaleCommand c = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
        harness.send(c);
        harness.send(c);
        assertEquals(ScaleOutcome.Status.succeeded, harness.outcome(c.commandId(), WAIT).status());
        assertEquals(1, harness.outcomes(c.commandId(), Duration.ofSeconds(3)).size());
        assertEquals(1, patches());
    }

    @Test
    void anOlderCommandQueuedBehindANewerOneIsSuperseded() throws Exception {
        var wm = HerokuWireMock.server;
        // The first command's read is slow, so the next two queue behind it for the instance's lock.
        wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs(STARTED)
                .willReturn(json(200, addon("rediscloud:100", "provisioned")).withFixedDelay(2000)).willSetStateTo("free"));
        wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("free")
                .willReturn(json(200, addon("rediscloud:100", "provisioned"))));
        wm.stubFor(patch(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("free")
                .withRequestBody(equalToJson("{\"plan\": \"rediscloud:500\"}"))
                .willReturn(json(200, addon("rediscloud:500", "provisioning"))).willSetStateTo("on-500"));
        wm.stubFor(get(urlEqualTo(path)).inScenario(app).whenScenarioStateIs("on-500")
                .willReturn(json(200, addon("rediscloud:500", "provisioned"))));
        Instant t = Instant.now();
        ScaleCommand first = Harness.command(instance, "rediscloud:30", "rediscloud:100", t.minusSeconds(2));
        ScaleCommand older = Harness.command(instance, "rediscloud:100", "rediscloud:250", t.minusSeconds(1));
        ScaleCommand newer = Harness.command(instance, "rediscloud:100", "rediscloud:500", t);
        harness.send(first);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> CommandEntity.findById(first.commandId()) != null));
        // The first holds the instance's lock once its slow read is under way.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> wm.findAll(getRequestedFor(urlEqualTo(path))).size() >= 1);
        harness.send(older);
        harness.send(newer);
        assertEquals(ScaleOutcome.Status.succeeded, harness.outcome(first.commandId(), WAIT).status());
        ScaleOutcome skipped = harness.outcome(older.commandId(), WAIT);
        assertEquals(ScaleOutcome.Status.skipped, skipped.status());
        assertEquals(ScaleOutcome.SkipReason.superseded, skipped.skipReason());
        assertTrue(skipped.error().contains("superseded by newer command " + newer.commandId()), skipped.error());
        assertEquals(ScaleOutcome.Status.succeeded, harness.outcome(newer.commandId(), WAIT).status());
        assertEquals(1, patches());
    }

    @Test
    void aDryRunInstanceMakesNoCall() throws Exception {
        InstanceConfig dry = Harness.heroku(app + "-dry", addonId, true);
        harness.register(dry, replica);
        ScaleOutcome o = run(Harness.command(dry, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.skipped, o.status());
        assertEquals(ScaleOutcome.SkipReason.dry_run, o.skipReason());
        assertTrue(o.error().startsWith("dry run: would have moved from rediscloud:30 to rediscloud:100"), o.error());
        assertEquals(0, HerokuWireMock.server.findAll(getRequestedFor(urlEqualTo("/apps/" + app + "-dry/addons/" + addonId))).size());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "rediscloud:5000, outside",          // above the instance's max plan
            "rediscloud:7,    not in the plan catalog",
            "heroku-redis:mini, is a heroku-redis plan"}) // in the catalog, but of another service
    void aCommandTheActuatorCannotVouchForIsRejectedBeforeAnyCall(String target, String why) throws Exception {
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", target, Instant.now()));
        assertEquals(ScaleOutcome.Status.rejected, o.status());
        assertTrue(o.error().contains(why), o.error());
        assertEquals(0, HerokuWireMock.server.findAll(getRequestedFor(urlEqualTo(path))).size(), "no call at all");
        assertEquals(0, patches());
    }

    @Test
    void aCommandACrashLeftExecutingIsResumedAtStartUp() throws Exception {
        HerokuWireMock.server.stubFor(get(urlEqualTo(path)).willReturn(json(200, addon("rediscloud:100", "provisioned"))));
        ScaleCommand c = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
        // As a crash leaves it: received and started, its Kafka record already gone.
        commands.receive(c);
        Leases.Lease lease = leases.acquire(c.instanceId());
        commands.changing(c.commandId(), lease);
        leases.release(lease);
        assertTrue(executor.resumeUnfinished() >= 1);
        ScaleOutcome o = harness.outcome(c.commandId(), WAIT);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(0, patches(), "the add-on was already on the target: read, not changed again");
    }

    @Test
    void anInstanceAnotherActuatorHoldsWaitsForItsLease() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 0);
        sql("INSERT INTO instance_lease VALUES (?1, 'other-actuator/1', 7, now() + interval '1 hour')", instance.id());
        sleeper.clear();
        ScaleCommand c = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
        harness.send(c);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> sleeper.pauses().contains(config.leaseHeartbeat()));
        assertEquals(0, patches(), "no call while another actuator holds the instance");
        sql("UPDATE instance_lease SET expires_at = now() - interval '1 second' WHERE instance_id = ?1", instance.id());
        ScaleOutcome o = harness.outcome(c.commandId(), WAIT);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, patches());
        assertEquals(8L, ((Number) QuarkusTransaction.requiringNew().call(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT fence FROM instance_lease WHERE instance_id = ?1").setParameter(1, instance.id())
                .getSingleResult())).longValue(), "a new holder, a higher fence");
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverStoresNoStepAndNoOutcome() {
        ScaleCommand c = Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now());
        commands.receive(c);
        Leases.Lease mine = leases.acquire(c.instanceId());
        // Expired while this holder stalled (a pause, a lost consumer), and taken by another actuator.
        sql("UPDATE instance_lease SET owner = 'other-actuator/2', fence = fence + 1, expires_at = now() + interval '1 hour' "
                + "WHERE instance_id = ?1", c.instanceId());
        assertThrows(Leases.LeaseLost.class, () -> commands.changing(c.commandId(), mine));
        assertThrows(Leases.LeaseLost.class, () -> commands.attempt(c.commandId(), mine, "PATCH plan rediscloud:100", "200"));
        assertThrows(Leases.LeaseLost.class, () -> commands.finish(c.commandId(), mine, ScaleOutcome.Status.succeeded, null, "done"));
        assertTrue(commands.untouched(c.commandId()), "no step stored");
        assertEquals(CommandStore.Seen.UNFINISHED, commands.seen(c.commandId()), "no outcome");
        assertTrue(leases.tryAcquire(c.instanceId()).isEmpty(), "held by the other actuator");
        leases.release(mine); // the stale holder's release leaves the new holder's lease alone
        assertTrue(leases.tryAcquire(c.instanceId()).isEmpty(), "still held by the other actuator");
    }

    @Test
    void anOlderCommandCutShortIsSkippedOnceANewerOneSucceeded() throws Exception {
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 0);
        ScaleCommand older = Harness.command(instance, "rediscloud:30", "rediscloud:250", Instant.now().minusSeconds(60));
        // As a stop leaves it: its change begun, its record redelivered later.
        commands.receive(older);
        Leases.Lease lease = leases.acquire(older.instanceId());
        commands.changing(older.commandId(), lease);
        leases.release(lease);
        ScaleOutcome newer = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.succeeded, newer.status(), newer.error());
        ScaleOutcome o = run(older);
        assertEquals(ScaleOutcome.Status.skipped, o.status(), o.error());
        assertEquals(ScaleOutcome.SkipReason.superseded, o.skipReason());
        assertEquals(1, patches(), "the newest plan wins: the older command sends nothing");
    }

    /**
     * A command that reaches the actuator before its instance's settings (another consumer reads them)
     * waits, retried as a transient failure, and runs once they arrive: never skipped as if deleted.
     */
    @Test
    void aCommandThatComesBeforeItsInstanceWaitsForIt() throws Exception {
        addonId = UUID.randomUUID().toString();
        path = "/apps/" + app + "/addons/" + addonId;
        addonMovesAfterPatch("rediscloud:30", "rediscloud:100", 0);
        InstanceConfig late = Harness.heroku(app, addonId, false);
        ScaleCommand c = Harness.command(late, "rediscloud:30", "rediscloud:100", Instant.now());
        harness.send(c);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> guard.stalled().keySet().stream()
                .anyMatch(k -> k.startsWith(Channels.COMMANDS_IN)));
        assertEquals(0, patches());
        harness.register(late, replica);
        ScaleOutcome o = harness.outcome(c.commandId(), WAIT);
        assertEquals(ScaleOutcome.Status.succeeded, o.status(), o.error());
        assertEquals(1, patches());
    }

    @Test
    void aCommandForADeletedInstanceIsSkipped() throws Exception {
        harness.delete(instance, replica);
        ScaleOutcome o = run(Harness.command(instance, "rediscloud:30", "rediscloud:100", Instant.now()));
        assertEquals(ScaleOutcome.Status.skipped, o.status(), o.error());
        assertEquals(ScaleOutcome.SkipReason.instance_deleted, o.skipReason());
        assertEquals(0, patches());
        harness.register(instance, replica);
        assertTrue(!replica.deleted(io.redisscale.events.Topics.INSTANCES, instance.id().toString()), "registered again: no longer deleted");
    }

    private static void sql(String statement, UUID instanceId) {
        QuarkusTransaction.requiringNew().run(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery(statement).setParameter(1, instanceId).executeUpdate());
    }
}
