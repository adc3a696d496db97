package io.redisscale.actuator;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What plan changes cost, by provider and plan step, over the changes kept (ACTUATOR_KEEP_FOR): how many, how long
 * (median and 95th percentile, from the provider's acknowledgement to the verified plan), and the seconds the Redis
 * did not answer while they ran. Aggregated by the database, so the answer stays small whatever the fleet.
 */
@Path("/api/v1/providers/stats")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderStatsResource {
    /**
     * One provider and plan step. {@code measured}: changes whose availability was probed (the unreachable figures
     * are theirs).
     */
    public record Step(String provider, String fromPlan, String toPlan, long changes, double medianSeconds, double p95Seconds,
                       long measured, double unreachableSecondsMedian, double unreachableSecondsMax, double unreachableSecondsTotal) {}

    private final EntityManager db;

    ProviderStatsResource(EntityManager db) {
        this.db = db;
    }

    @GET
    @Transactional
    public List<Step> stats() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = db.createNativeQuery("""
                select provider, from_plan, to_plan, count(*),
                       percentile_cont(0.5) within group (order by duration_ms) / 1000.0,
                       percentile_cont(0.95) within group (order by duration_ms) / 1000.0,
                       count(availability),
                       coalesce(percentile_cont(0.5) within group (order by (availability::jsonb ->> 'unreachableSeconds')::float8), 0),
                       coalesce(max((availability::jsonb ->> 'unreachableSeconds')::float8), 0),
                       coalesce(sum((availability::jsonb ->> 'unreachableSeconds')::float8), 0)
                from command
                where outcome = 'succeeded' and changed_at is not null and provider is not null
                group by provider, from_plan, to_plan
                order by provider, from_plan, to_plan""").getResultList();
        return rows.stream().map(r -> new Step((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                round(r[4]), round(r[5]), ((Number) r[6]).longValue(), round(r[7]), round(r[8]), round(r[9]))).toList();
    }

    private static double round(Object v) {
        return v == null ? 0 : Math.round(((Number) v).doubleValue() * 10) / 10.0;
    }
}
