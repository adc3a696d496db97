package io.redisscale.collector.plans;

import io.redisscale.collector.ProblemException;
import io.redisscale.events.Plan;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
    private final Plans plans;

    public PlanResource(Plans plans) {
        this.plans = plans;
    }

    /** The plan catalog, cheapest first within each service; {@code service} filters. */
    @GET
    public List<Plan> list(@QueryParam("service") String service) {
        List<PlanEntity> all = service == null
                ? PlanEntity.list("order by service, memoryBytes")
                : PlanEntity.ofService(service);
        return all.stream().map(PlanEntity::toEvent).toList();
    }

    @GET
    @Path("{name}")
    public Plan get(@PathParam("name") String name) {
        PlanEntity plan = PlanEntity.findById(name);
        if (plan == null) {
            throw ProblemException.notFound("plan " + name);
        }
        return plan.toEvent();
    }

    /** Updates a plan's limits and price; every service sees it through the plans topic. */
    @PUT
    @Path("{name}")
    public Plan update(@PathParam("name") String name, PlanUpdate update) {
        return plans.update(name, update).toEvent();
    }
}
