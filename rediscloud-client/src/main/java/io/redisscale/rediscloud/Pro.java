package io.redisscale.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Redis Cloud Pro (flexible) databases, sized by the GB rather than by plan. Each subscription is a service of its
 * own ({@code rediscloud-pro-4711}: its price per GB is the subscription's), whose plans are the sizes of a range
 * ({@link PlanCatalog.Sizes}) named by their size ({@code rediscloud-pro:2.5}), the {@code datasetSizeInGb} a change
 * sends.
 */
public final class Pro {
    public static final String PLAN_PREFIX = "rediscloud-pro:";
    /** The sizes offered: from half a GB by half a GB, up to 100 GB or four times the size now, whichever is more. */
    public static final double STEP_GB = 0.5;
    public static final double LEAST_GB = 0.5;
    public static final double MOST_GB = 100;
    /** Hours in the month a monthly price is for ({@link Plan#MONTH_SECONDS}). */
    static final double HOURS_A_MONTH = Plan.MONTH_SECONDS / 3600;

    private Pro() {}

    /** One database as {@code GET /subscriptions/{id}/databases/{databaseId}} shows it. */
    public record Database(String id, String status, double datasetSizeInGb, String provider, String region) {
        public static Database of(JsonNode n) {
            // memoryLimitInGb is the deprecated name of the same size (twice it with replication on older databases).
            double size = n.hasNonNull("datasetSizeInGb") ? n.path("datasetSizeInGb").asDouble() : n.path("memoryLimitInGb").asDouble();
            return new Database(n.path("databaseId").asText(), n.path("status").asText(), size, n.path("provider").asText(),
                    n.path("region").asText());
        }

        public String plan() {
            return range(MOST_GB, 0).plan("", datasetSizeInGb).name();
        }

        public boolean active() {
            return "active".equals(status);
        }
    }

    public static String service(String subscriptionId) {
        return "rediscloud-pro-" + subscriptionId;
    }

    /** The size a plan stands for; an {@link IllegalArgumentException} for a plan of another kind. */
    public static double gb(String plan) {
        return PlanCatalog.Sizes.gb(PLAN_PREFIX, plan);
    }

    private static PlanCatalog.Sizes range(double mostGb, double priceGbMonthUsd) {
        return new PlanCatalog.Sizes(PLAN_PREFIX, LEAST_GB, mostGb, STEP_GB, priceGbMonthUsd, Plan.UNLIMITED);
    }

    /**
     * The catalog of a database: every size of the range, up to four times its size now when that is more than
     * {@link #MOST_GB}, and its size now when that is off the steps (so the plan it is on is one of them).
     */
    public static List<Plan> plans(String subscriptionId, Database db, double priceGbMonthUsd) {
        double most = Math.max(MOST_GB, Math.ceil(db.datasetSizeInGb() * 4 / STEP_GB) * STEP_GB);
        PlanCatalog.Sizes range = range(most, priceGbMonthUsd);
        List<Plan> plans = new ArrayList<>(range.plans(service(subscriptionId)));
        Plan now = range.plan(service(subscriptionId), db.datasetSizeInGb());
        if (plans.stream().noneMatch(p -> p.name().equals(now.name()))) {
            plans.add(now);
            plans.sort(java.util.Comparator.comparingLong(Plan::memoryBytes));
        }
        return plans;
    }

    /**
     * The subscription's price per GB and month, from its own pricing ({@code subscriptionPricing}: each item's
     * {@code pricePerUnit} times {@code quantity}, hourly items made monthly) over the dataset GB its cloud details
     * hold ({@code cloudDetails[].totalSizeInGb}); empty when Redis Cloud tells neither.
     */
    public static OptionalDouble priceGbMonthUsd(JsonNode subscription) {
        double month = 0;
        for (JsonNode item : subscription.path("subscriptionPricing")) {
            double each = item.path("pricePerUnit").asDouble() * item.path("quantity").asDouble(1);
            String period = item.path("pricePeriod").asText("hour").toLowerCase(java.util.Locale.ROOT);
            month += period.startsWith("month") ? each : each * HOURS_A_MONTH;
        }
        double gb = 0;
        for (JsonNode cloud : subscription.path("cloudDetails")) {
            gb += cloud.path("totalSizeInGb").asDouble();
        }
        return month > 0 && gb > 0 ? OptionalDouble.of(month / gb) : OptionalDouble.empty();
    }
}
