package io.redisscale.notifier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    public record NotificationView(UUID eventId, UUID instanceId, String kind, String recipients, String subject,
                                   String status, String detail, Instant at) {}

    /** Notifications sent (or being sent), newest first, at most 200; {@code instance} filters. */
    @GET
    public List<NotificationView> list(@QueryParam("instance") UUID instance) {
        List<NotificationEntity> found = instance == null
                ? NotificationEntity.find("order by at desc").page(0, 200).list()
                : NotificationEntity.find("instanceId = ?1 order by at desc", instance).page(0, 200).list();
        return found.stream().map(n -> new NotificationView(n.eventId, n.instanceId, n.kind, n.recipients, n.subject,
                n.status, n.detail, n.at)).toList();
    }
}
