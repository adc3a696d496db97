package io.redisscale.collector.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.collector.ProblemException;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * A whole catalog sent at once, in the catalog file format ({@link PlanCatalog}): how a catalog the collector does
 * not bundle joins (an ElastiCache region's price file, a provider's own plans). Each plan is stored, or brought up to
 * the file's figures, and published; plans of the service the file leaves out stay, as instances may be on them.
 */
@Path("/api/v1/catalogs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {
    private final PlanCatalogs catalogs;

    public CatalogResource(PlanCatalogs catalogs) {
        this.catalogs = catalogs;
    }

    /** Stores the catalog of {@code service}; its plans as they now are, cheapest first. */
    @PUT
    @Path("{service}")
    @Transactional
    public List<Plan> put(@PathParam("service") String service, JsonNode body) {
        List<Plan> plans;
        try {
            plans = PlanCatalog.of(body, "the catalog");
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("body", e.getMessage());
        }
        if (!service.equals(body.path("service").asText())) {
            throw ProblemException.unprocessable("service", "the catalog is of service '" + body.path("service").asText() + "', not '" + service + "'");
        }
        for (Plan p : plans) {
            PlanEntity e = PlanEntity.findById(p.name());
            if (e != null && !e.service.equals(service)) {
                throw ProblemException.unprocessable("plans", "plan '" + p.name() + "' belongs to service '" + e.service + "'");
            }
        }
        catalogs.store(plans);
        return PlanEntity.ofService(service).stream().map(PlanEntity::toEvent).toList();
    }
}
