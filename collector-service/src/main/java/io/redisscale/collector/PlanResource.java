package io.redisscale.collector;

import io.redisscale.events.Plan;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    /** The plan catalog, cheapest first within each service; {@code service} filters. */
    @GET
    public List<Plan> list(@QueryParam("service") String service) {
        List<PlanEntity> plans = service == null
                ? PlanEntity.list("order by service, memoryBytes")
                : PlanEntity.ofService(service);
        return plans.stream().map(PlanEntity::toEvent).toList();
    }
}
