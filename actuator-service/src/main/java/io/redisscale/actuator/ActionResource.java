package io.redisscale.actuator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    public record AttemptView(Instant at, String action, String result) {}

    public record ActionView(UUID commandId, UUID instanceId, String fromPlan, String toPlan, String direction,
                             Instant decidedAt, String state, String outcome, String detail, Instant receivedAt,
                             Instant startedAt, Instant finishedAt, Long durationMs,
                             io.redisscale.events.Availability availability, List<AttemptView> attempts) {}

    /** CommandStore, newest first, with their attempts and outcomes; {@code instance} filters. */
    @GET
    public List<ActionView> list(@QueryParam("instance") UUID instance) {
        List<CommandEntity> found = instance == null
                ? CommandEntity.find("order by receivedAt desc").page(0, 200).list()
                : CommandEntity.find("instanceId = ?1 order by receivedAt desc", instance).page(0, 200).list();
        return found.stream().map(c -> new ActionView(c.commandId, c.instanceId, c.fromPlan, c.toPlan, c.direction,
                c.decidedAt, c.state, c.outcome, c.detail, c.receivedAt, c.startedAt, c.finishedAt, c.durationMs,
                c.availability == null ? null : io.redisscale.events.Events.read(c.availability, io.redisscale.events.Availability.class),
                AttemptEntity.<AttemptEntity>find("commandId = ?1 order by id", c.commandId).stream()
                        .map(a -> new AttemptView(a.at, a.action, a.result)).toList())).toList();
    }
}
