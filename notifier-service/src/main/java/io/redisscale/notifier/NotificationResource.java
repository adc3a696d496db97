package io.redisscale.notifier;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What became of each notification: its status is the delivery's as it is now (queued, retrying, sent,
 * failed, held for a digest, sent in a digest), read from the deliveries themselves, or why none was made
 * (suppressed), never a state recorded once and left behind.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** One email or webhook call and how it went: the SMTP server's or the endpoint's answer on a failure. */
    public record DeliveryView(String channel, String status, int attempts, Instant sentAt, Instant nextAttemptAt, String lastError) {
        static DeliveryView of(DeliveryEntity d) {
            return new DeliveryView(d.channel, state(d), d.attempts, d.sentAt,
                    DeliveryEntity.Status.pending.name().equals(d.status) ? d.nextAttemptAt : null, d.lastError);
        }
    }

    public record NotificationView(UUID eventId, UUID instanceId, String kind, String recipients, String subject,
                                   String status, String detail, Instant at, List<DeliveryView> deliveries) {}

    /** Notifications, newest first, at most 200; {@code instance} filters. */
    @GET
    @Transactional
    public List<NotificationView> list(@QueryParam("instance") UUID instance) {
        List<NotificationEntity> found = instance == null
                ? NotificationEntity.find("order by at desc").page(0, 200).list()
                : NotificationEntity.find("instanceId = ?1 order by at desc", instance).page(0, 200).list();
        Map<UUID, List<DeliveryEntity>> deliveries = found.isEmpty() ? Map.of()
                : DeliveryEntity.<DeliveryEntity>list("eventId in ?1", found.stream().map(n -> n.eventId).toList()).stream()
                        .collect(Collectors.groupingBy(d -> d.eventId));
        return found.stream().map(n -> view(n, deliveries.getOrDefault(n.eventId, List.of()))).toList();
    }

    /** The email's state if there is one (what people wait for), else the webhook's, else why nothing went. */
    static NotificationView view(NotificationEntity n, List<DeliveryEntity> deliveries) {
        List<DeliveryEntity> ordered = deliveries.stream()
                .sorted(Comparator.comparing((DeliveryEntity d) -> !"email".equals(d.channel)).thenComparing(d -> d.id)).toList();
        if (ordered.isEmpty()) {
            return new NotificationView(n.eventId, n.instanceId, n.kind, n.recipients, n.subject, n.status, n.detail, n.at, List.of());
        }
        DeliveryEntity main = ordered.get(0);
        return new NotificationView(n.eventId, n.instanceId, n.kind, n.recipients, n.subject, state(main), detail(main), n.at,
                ordered.stream().map(DeliveryView::of).toList());
    }

    /** queued (not tried yet), retrying (tried, trying again), sent, failed (for good), held (for the digest), digested. */
    static String state(DeliveryEntity d) {
        if (DeliveryEntity.Status.pending.name().equals(d.status)) {
            return d.attempts == 0 ? "queued" : "retrying";
        }
        return d.status;
    }

    private static String detail(DeliveryEntity d) {
        return switch (state(d)) {
            case "sent" -> d.channel + " sent at " + d.sentAt + (d.attempts > 1 ? " (attempt " + d.attempts + ")" : "");
            case "retrying" -> "attempt " + d.attempts + " failed: " + d.lastError + "; next try at " + d.nextAttemptAt;
            case "failed" -> "failed for good after " + d.attempts + " attempts: " + d.lastError;
            case "held" -> "held for the next digest";
            case "digested" -> "sent in a digest";
            default -> null;
        };
    }
}
