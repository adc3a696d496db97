package io.redisscale.notifier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** ENABLE_EMAILS=false: the event is recorded as suppressed and no email goes. */
@QuarkusTest
@TestProfile(EmailsOffIT.Off.class)
@QuarkusTestResource(MailServers.class)
class EmailsOffIT {
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notifier.enabled", "false", "notifier.webhook-url", "");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void nothingIsSent() throws Exception {
        InstanceConfig i = Events.instance("emails-off", InstanceConfig.Notify.ALL, List.of("ops@example.com"));
        try (Events events = new Events(kafka)) {
            events.register(i);
            events.alert(Events.alert(i, Alert.Kind.unreachable, "unreachable (dns) for 3 consecutive polls"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                NotificationEntity.count("instanceId = ?1 and status = 'suppressed'", i.id())) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> Mailbox.withSubject("emails-off:").isEmpty());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> DeliveryEntity.count("instanceId", i.id())));
    }
}
