package io.redisscale.decision;

import io.redisscale.events.DecisionInputs;
import io.redisscale.events.Events;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/instances/{id}/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    public record DecisionView(Instant at, String action, String fromPlan, String toPlan, String reasonCode, String reason,
                               DecisionInputs inputs, UUID commandId, String note) {}

    /** The instance's decisions, newest first. */
    @GET
    public List<DecisionView> list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return DecisionEntity.<DecisionEntity>find("instanceId = ?1 order by at desc", id).page(0, n).list().stream()
                .map(e -> new DecisionView(e.at, e.action, e.fromPlan, e.toPlan, e.reasonCode, e.reason,
                        e.inputs == null ? null : Events.read(e.inputs, DecisionInputs.class), e.commandId, e.note))
                .toList();
    }
}
