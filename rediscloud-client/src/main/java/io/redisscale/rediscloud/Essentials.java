package io.redisscale.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.events.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis Cloud Essentials (fixed) plans and subscriptions as the API describes them, and their names in our catalog.
 * Plans are priced per plan in one cloud provider and region, so each region is a service of its own
 * ({@code rediscloud-essentials-aws-us-east-1}) and a plan is named by its id ({@code rediscloud-essentials:34843}),
 * the id a change sends.
 */
public final class Essentials {
    public static final String PLAN_PREFIX = "rediscloud-essentials:";

    private Essentials() {}

    /** One subscription as {@code GET /fixed/subscriptions/{id}} shows it. */
    public record Subscription(String id, long planId, String status, String provider, String region) {
        public static Subscription of(JsonNode n) {
            return new Subscription(n.path("id").asText(), n.path("planId").asLong(), n.path("status").asText(),
                    n.path("provider").asText(), n.path("region").asText());
        }

        /** The catalog service of its plans. */
        public String service() {
            return Essentials.service(provider, region);
        }

        public String plan() {
            return PLAN_PREFIX + planId;
        }
    }

    public static String service(String provider, String region) {
        return ("rediscloud-essentials-" + provider + "-" + region).toLowerCase(Locale.ROOT);
    }

    /** The plan id a catalog plan stands for; an {@link IllegalArgumentException} for another service's plan. */
    public static long planId(String plan) {
        if (!plan.startsWith(PLAN_PREFIX)) {
            throw new IllegalArgumentException(plan + " is not a Redis Cloud Essentials plan");
        }
        return Long.parseLong(plan.substring(PLAN_PREFIX.length()));
    }

    /**
     * The plans of {@code GET /fixed/plans} in one provider and region as catalog plans: memory from {@code size} and
     * {@code sizeMeasurementUnit} (MB or GB, decimal as Redis Cloud sells them), connections from {@code connections}
     * ("unlimited": -1), the monthly price from {@code price} (plans priced otherwise are left out).
     */
    public static List<Plan> plans(JsonNode body, String provider, String region) {
        List<Plan> out = new ArrayList<>();
        for (JsonNode p : body.path("plans")) {
            if (!provider.equalsIgnoreCase(p.path("provider").asText()) || !region.equalsIgnoreCase(p.path("region").asText())
                    || !"month".equalsIgnoreCase(p.path("pricePeriod").asText("Month"))) {
                continue;
            }
            double size = p.path("size").asDouble();
            long bytes = Math.round(size * ("GB".equalsIgnoreCase(p.path("sizeMeasurementUnit").asText()) ? 1e9 : 1e6));
            String connections = p.path("connections").asText("");
            int max = connections.matches("\\d{1,9}") ? Integer.parseInt(connections) : -1;
            if (bytes > 0) {
                out.add(new Plan(PLAN_PREFIX + p.path("id").asLong(), service(provider, region), bytes, max, p.path("price").asDouble()));
            }
        }
        return out;
    }
}
