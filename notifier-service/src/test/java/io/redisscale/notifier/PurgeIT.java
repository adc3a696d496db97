package io.redisscale.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Old finished deliveries and event records go; pending ones and recent ones stay. */
@QuarkusTest
@QuarkusTestResource(MailServers.class)
class PurgeIT {
    @Inject
    Purge purge;

    @Test
    void purgesOnlyWhatIsFinishedAndOld() {
        UUID instance = UUID.randomUUID();
        Instant old = Instant.now().minus(Duration.ofDays(31));
        QuarkusTransaction.requiringNew().run(() -> {
            delivery(instance, "sent", old);
            delivery(instance, "pending", old);
            delivery(instance, "sent", Instant.now());
            NotificationEntity n = new NotificationEntity();
            n.eventId = UUID.randomUUID();
            n.instanceId = instance;
            n.kind = "unreachable";
            n.recipients = "";
            n.status = "queued";
            n.at = old;
            n.persist();
        });
        purge.purge();
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> DeliveryEntity.count("instanceId", instance)));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() ->
                DeliveryEntity.count("instanceId = ?1 and status = 'pending'", instance)));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> NotificationEntity.count("instanceId", instance)));
    }

    private static void delivery(UUID instance, String status, Instant at) {
        DeliveryEntity d = new DeliveryEntity();
        d.eventId = UUID.randomUUID();
        d.instanceId = instance;
        d.kind = "unreachable";
        d.channel = "email";
        d.status = status;
        d.recipients = "ops@example.com";
        d.subject = "s";
        d.textBody = "t";
        d.createdAt = at;
        // far in the future, so the worker leaves the pending one alone during the test
        d.nextAttemptAt = "pending".equals(status) ? Instant.now().plus(Duration.ofDays(1)) : null;
        d.persist();
    }
}
