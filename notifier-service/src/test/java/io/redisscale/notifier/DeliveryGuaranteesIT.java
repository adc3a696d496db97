package io.redisscale.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleOutcome;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Once per event, never lost while SMTP is down, bursts folded into a digest, and the webhook channel. */
@QuarkusTest
@QuarkusTestResource(MailServers.class)
class DeliveryGuaranteesIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @org.junit.jupiter.api.BeforeAll
    static void token() {
        io.redisscale.testsupport.ApiAuth.useTestToken();
    }

    @Test
    void aRedeliveredEventSendsNoSecondEmail() throws Exception {
        InstanceConfig i = Events.instance("dup", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        Alert a = Events.alert(i, Alert.Kind.unreachable, "unreachable (refused) for 3 consecutive polls");
        try (Events events = new Events(kafka)) {
            events.register(i);
            events.alert(a);
            events.alert(a);
        }
        await().atMost(WAIT).until(() -> Mailbox.withSubject("dup:").size() == 1);
        // Long enough for the second delivery to have been handled: still one email.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> Mailbox.withSubject("dup:").size() == 1);
    }

    @Test
    void theInstancesFlagsDecideWhichEmailsGo() throws Exception {
        InstanceConfig i = Events.instance("flags", new InstanceConfig.Notify(false, false, true), List.of("ops@example.com"));
        try (Events events = new Events(kafka)) {
            events.register(i);
            events.alert(Events.alert(i, Alert.Kind.threshold_breached, "memory over 80%"));
            events.outcome(Events.outcome(i, ScaleOutcome.Status.succeeded, null));
            events.outcome(Events.outcome(i, ScaleOutcome.Status.failed, "Heroku answered 503"));
        }
        await().atMost(WAIT).until(() -> Mailbox.withSubject("flags:").size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> Mailbox.withSubject("flags:").size() == 1);
        List<MimeMessage> got = Mailbox.withSubject("flags:");
        assertEquals(1, got.size());
        assertTrue(got.get(0).getSubject().endsWith("failed"), got.get(0).getSubject());
    }

    @Test
    void anEmailWaitsOutAnSmtpOutageAndArrivesOnce() throws Exception {
        InstanceConfig i = Events.instance("outage", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        MailServers.smtp.stop();
        try {
            try (Events events = new Events(kafka)) {
                events.register(i);
                events.alert(Events.alert(i, Alert.Kind.at_max_plan, "already on the max plan"));
            }
            // Stored, tried, and waiting for its next try: not lost, not dropped to a dead-letter topic.
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    DeliveryEntity.count("instanceId = ?1 and status = 'pending' and attempts >= 2", i.id())) == 1);
            // And the API says so: retrying, with the SMTP failure and the next try.
            io.restassured.RestAssured.given().queryParam("instance", i.id().toString()).get("/api/v1/notifications").then()
                    .body("[0].status", org.hamcrest.Matchers.equalTo("retrying"))
                    .body("[0].detail", org.hamcrest.Matchers.containsString("next try at"))
                    .body("[0].deliveries[0].lastError", org.hamcrest.Matchers.notNullValue());
        } finally {
            MailServers.startSmtp();
        }
        await().atMost(WAIT).until(() -> Mailbox.withSubject("outage:").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> Mailbox.withSubject("outage:").size() == 1);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() ->
                DeliveryEntity.count("instanceId = ?1 and channel = 'email' and status = 'sent'", i.id())));
        // What a user reads follows the delivery: sent, and when (it said "queued" forever before).
        io.restassured.RestAssured.given().queryParam("instance", i.id().toString()).get("/api/v1/notifications").then()
                .body("[0].status", org.hamcrest.Matchers.equalTo("sent"))
                .body("[0].detail", org.hamcrest.Matchers.startsWith("email sent at "))
                .body("[0].deliveries[0].sentAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aBurstIsOneEmailAndThenOneDigest() throws Exception {
        InstanceConfig i = Events.instance("burst", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        try (Events events = new Events(kafka)) {
            events.register(i);
            for (int n = 1; n <= 5; n++) {
                events.alert(Events.alert(i, Alert.Kind.threshold_breached, "breach number " + n));
            }
        }
        await().atMost(WAIT).until(() -> Mailbox.withSubject("burst:").size() == 2);
        // For a whole burst interval (3 s in tests) after the digest, nothing more comes.
        await().during(Duration.ofSeconds(4)).atMost(WAIT).until(() -> Mailbox.withSubject("burst:").size() == 2);
        List<MimeMessage> got = Mailbox.withSubject("burst:");
        assertEquals(2, got.size());
        assertEquals("[RedisScale] burst: threshold breached", got.get(0).getSubject());
        assertEquals("[RedisScale] burst: threshold breached (digest of 4)", got.get(1).getSubject());
        String digest = Mailbox.parts(got.get(1)).get("text/plain");
        for (int n = 2; n <= 5; n++) {
            assertTrue(digest.contains("breach number " + n), digest);
        }
    }

    @Test
    void theWebhookGetsSlackCompatibleText() throws Exception {
        MailServers.hook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        InstanceConfig i = Events.instance("hooked", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        try (Events events = new Events(kafka)) {
            events.register(i);
            events.alert(Events.alert(i, Alert.Kind.back_to_normal, "answers again after 4 failed polls"));
        }
        await().atMost(WAIT).untilAsserted(() -> MailServers.hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "[RedisScale] hooked: back to normal")))));
    }
}
