package io.redisscale.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.testsupport.TestInfraResource;
import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleOutcome;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of email, from an event on the real broker to a real SMTP server: subject, recipients, both parts. */
@QuarkusTest
@QuarkusTestResource(MailServers.class)
@QuarkusTestResource(TestInfraResource.class)
class EmailKindsIT {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @jakarta.inject.Inject
    io.redisscale.runtime.Replica replica;
    @jakarta.inject.Inject
    io.redisscale.runtime.ConsumerGuard guard;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "threshold_breached | threshold breached                 | memory 92% of rediscloud:100 over 80% for 60 s",
            "unreachable        | unreachable                        | unreachable (timeout) for 3 consecutive polls",
            "back_to_normal     | back to normal                     | answers again after 4 failed polls",
            "at_max_plan        | at max plan and still breaching    | already on the max plan rediscloud:1000",
            "at_min_plan        | at min plan with room to go lower  | lower the min plan to let the autoscaler save the difference",
            "data_missing       | metrics missing                    | no good sample since 2026-11-26T09:10:00Z",
            "would_scale        | would scale (no command sent)      | would move from rediscloud:100 to rediscloud:250 (dry run: no command sent)",
            "would_scale_ended  | no longer would scale              | no longer would move from rediscloud:100 to rediscloud:250",
            "succeeded          | scaled from rediscloud:100 to rediscloud:250 | Monthly cost change: +$16.00/month",
            "succeeded_outage   | scaled from rediscloud:100 to rediscloud:250 | Availability: changed in 38 s; unreachable 3 s (longest 2 s); p99 latency 3.1 ms; errors refused=2, timeout=1",
            "failed             | scaling from rediscloud:100 to rediscloud:250 failed | Heroku refused the plan (422)",
            "rejected           | scaling from rediscloud:100 to rediscloud:250 refused by the actuator | outside checked's plans",
            "dry_run            | dry run: would have moved from rediscloud:100 to rediscloud:250, costing $16.00 more a month | would have moved",
            // A newer actuator's codes, unknown here: told, never dead-lettered (docs/events.md, Versions).
            "newer_codes        | scaling from rediscloud:100 to rediscloud:250 ended (a status this notifier does not know) | rolled back by the provider"})
    void sendsEachKind(String kind, String event, String body) throws Exception {
        String name = "kinds-" + kind.replace('_', '-');
        InstanceConfig i = Events.instance(name, InstanceConfig.Notify.ALL, List.of("ops@example.com", "oncall@example.com"));
        try (Events events = new Events(kafka)) {
            events.plans();
            // The plans arrive on a topic of their own: wait until the notifier has them, for the prices.
            await().atMost(Duration.ofSeconds(30)).until(() -> replica.all(io.redisscale.events.Topics.PLANS,
                    io.redisscale.events.Plan.class).size() >= 2);
            events.register(i);
            switch (kind) {
                case "succeeded" -> events.outcome(Events.outcome(i, ScaleOutcome.Status.succeeded, null));
                case "succeeded_outage" -> {
                    ScaleOutcome o = Events.outcome(i, ScaleOutcome.Status.succeeded, null);
                    events.outcome(new ScaleOutcome(o.eventId(), o.commandId(), o.instanceId(), o.status(), null, o.fromPlan(), o.toPlan(),
                            o.reason(), o.startedAt(), o.finishedAt(), o.durationMs(), null, new io.redisscale.events.Availability(40, 3, 3.0, 2.0,
                            Map.of("timeout", 1, "refused", 2), 0.8, 3.1, 12.0, false, false)));
                }
                case "failed" -> events.outcome(Events.outcome(i, ScaleOutcome.Status.failed,
                        "Heroku refused the plan (422): invalid_params: Plan not allowed. The plan may not be allowed"));
                // Told by its code, whatever the sentence says.
                case "rejected" -> events.outcome(Events.outcome(i, ScaleOutcome.Status.rejected,
                        "rediscloud:250 is outside checked's plans rediscloud:30 to rediscloud:100"));
                case "dry_run" -> events.outcome(Events.outcome(i, ScaleOutcome.Status.skipped,
                        ScaleOutcome.SkipReason.dry_run, "the actuator changes nothing (ACTUATOR_DRY_RUN)"));
                case "newer_codes" -> events.newerOutcome(Events.outcome(i, ScaleOutcome.Status.failed, "rolled back by the provider"));
                default -> events.alert(Events.alert(i, Alert.Kind.valueOf(kind), body));
            }
        }
        String subject = "[RedisScale] " + name + ": " + event;
        MimeMessage m = await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.withSubject(name + ":"), l -> !l.isEmpty()).get(0);
        assertEquals(subject, m.getSubject());
        assertEquals(List.of("ops@example.com", "oncall@example.com"), Mailbox.to(m));
        Map<String, String> parts = Mailbox.parts(m);
        assertTrue(parts.get("text/plain").contains(body), parts.get("text/plain"));
        assertTrue(parts.get("text/plain").contains("2026-11-26 09:30:00 UTC"), parts.get("text/plain"));
        assertTrue(parts.get("text/plain").contains("Heroku app carnot-iot"), parts.get("text/plain"));
        assertTrue(parts.get("text/html").contains(name), parts.get("text/html"));
        // Only a failure has an error line; a dry run is told by its event line.
        assertEquals(kind.equals("failed") || kind.equals("rejected") || kind.equals("newer_codes"), parts.get("text/plain").contains("Error:"),
                parts.get("text/plain"));
        // The API lists what was sent for the instance (the dashboard shows it).
        io.redisscale.testsupport.ApiAuth.useTestToken();
        io.restassured.RestAssured.given().queryParam("instance", i.id()).get("/api/v1/notifications").then().statusCode(200)
                .body("subject", org.hamcrest.Matchers.hasItem(subject))
                .body("recipients", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("oncall@example.com")));
    }

    @org.junit.jupiter.api.Test
    void theMonthlySavingsReportGoesToThoseWhoOptedIn() throws Exception {
        String month = "19" + (10 + new java.util.Random().nextInt(89)) + "-10"; // a month no other run has used
        var report = new io.redisscale.events.SavingsReport(java.util.UUID.randomUUID(), month,
                java.time.Instant.parse(month + "-01T00:00:00Z"), java.time.Instant.parse(month.substring(0, 4) + "-11-01T00:00:00Z"),
                12.5, 25, 12.5, List.of(new io.redisscale.events.SavingsReport.Line(java.util.UUID.randomUUID(), "orders", 12.5,
                        "rediscloud:250", 25, 12.5, "rediscloud:100", 10.0)));
        try (Events events = new Events(kafka)) {
            events.report(report);
        }
        MimeMessage m = await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.withSubject("savings in " + month), l -> !l.isEmpty()).get(0);
        // (A report replayed by this broker from an earlier run may make this one a burst digest: same start.)
        String subject = "[RedisScale] autoscaler: savings in " + month + ": saved $12.50 (cost $12.50, against $25.00 on the registered plans)";
        assertTrue(m.getSubject().startsWith(subject), m.getSubject());
        // SAVINGS_REPORT_TO, not the operators of the dead-letter alerts.
        assertEquals(List.of("finance@example.com", "ops@example.com"), Mailbox.to(m));
        String text = Mailbox.parts(m).get("text/plain");
        assertTrue(text.contains("orders: cost $12.50; on rediscloud:250 $25.00: saved $12.50; the right-sized single plan rediscloud:100: $10.00"),
                text);
    }

    @org.junit.jupiter.api.Test
    void aDeadLetterAlertGoesToTheOperators() throws Exception {
        String detail = "decision-service could not process autoscaler.metrics-2@77 (key k): IllegalArgumentException: unreadable "
                + java.util.UUID.randomUUID();
        try (Events events = new Events(kafka)) {
            events.alert(new Alert(java.util.UUID.randomUUID(), Alert.SYSTEM, Alert.Kind.dead_letter, null, detail, Events.AT));
        }
        MimeMessage m = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage x : Mailbox.withSubject("dead-letter")) {
                if (Mailbox.parts(x).get("text/plain").contains(detail)) {
                    return x;
                }
            }
            return null;
        }, x -> x != null);
        assertEquals("[RedisScale] autoscaler: a record went to the dead-letter topic", m.getSubject());
        assertEquals(List.of("operators@example.com"), Mailbox.to(m));
    }

    /**
     * An outcome that reaches the notifier before its instance's settings (another consumer reads them) waits
     * for them, retried as a transient failure, and its email goes once they arrive: never dropped as if the
     * instance were deleted.
     */
    @org.junit.jupiter.api.Test
    void anOutcomeThatComesBeforeItsInstanceWaitsForIt() throws Exception {
        InstanceConfig i = Events.instance("kinds-late-instance", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        java.time.Instant now = java.time.Instant.now();
        ScaleOutcome o = new ScaleOutcome(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), i.id(), ScaleOutcome.Status.succeeded,
                null, "rediscloud:100", "rediscloud:250", "memory over 80% for 60 s", now.minusSeconds(40), now, 38_000, null, null);
        try (Events events = new Events(kafka)) {
            events.plans();
            events.outcome(o);
            await().atMost(Duration.ofSeconds(60)).until(() -> guard.stalled().keySet().stream()
                    .anyMatch(c -> c.startsWith(Channels.OUTCOMES_IN)));
            events.register(i);
        }
        MimeMessage m = await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.withSubject("kinds-late-instance:"), l -> !l.isEmpty()).get(0);
        assertEquals("[RedisScale] kinds-late-instance: scaled from rediscloud:100 to rediscloud:250", m.getSubject());
        await().atMost(Duration.ofSeconds(30)).until(() -> guard.stalled().keySet().stream().noneMatch(c -> c.startsWith(Channels.OUTCOMES_IN)));
    }
}
