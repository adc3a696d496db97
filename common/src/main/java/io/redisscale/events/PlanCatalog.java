package io.redisscale.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reader of plan catalog files ({@code {"service": ..., "plans": [{"name", "memory_bytes",
 * "max_connections", "price_month_usd"}]}}): the bundled ones the collector seeds and the files the
 * backtester is given. A service sized by the GB instead of by plan (Redis Cloud Pro) gives {@code "sizes"}
 * ({@link Sizes}) in place of, or beside, its plans: every step of the range becomes a plan.
 */
public final class PlanCatalog {
    /** The catalogs in this jar, by service. */
    public static final List<String> BUNDLED = List.of("rediscloud", "heroku-redis", "elasticache-us-east-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanCatalog() {}

    /** The plans of a bundled catalog ({@link #BUNDLED}). */
    public static List<Plan> bundled(String service) {
        String resource = "catalogs/" + service + ".json";
        try (InputStream in = PlanCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled catalog '" + service + "'");
            }
            return parse(JSON.readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plans of a catalog file; an {@link IllegalArgumentException} says what is wrong with it. */
    public static List<Plan> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(JSON.readTree(in), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage());
        }
    }

    /** The plans of a catalog given as JSON (a catalog sent to the API); an {@link IllegalArgumentException} says what is wrong. */
    public static List<Plan> of(JsonNode root, String source) {
        return parse(root, source);
    }

    static List<Plan> parse(JsonNode root, String source) {
        if (root == null || !(root.has("plans") || root.has("sizes")) || !root.has("service")) {
            throw new IllegalArgumentException(source + ": not a plan catalog (needs 'service' and 'plans' or 'sizes')");
        }
        String service = root.get("service").asText();
        List<Plan> plans = new ArrayList<>();
        if (root.has("sizes")) {
            plans.addAll(Sizes.of(root.get("sizes"), source).plans(service));
        }
        for (JsonNode p : root.path("plans")) {
            for (String field : List.of("name", "memory_bytes", "max_connections", "price_month_usd")) {
                if (!p.has(field)) {
                    throw new IllegalArgumentException(source + ": a plan lacks '" + field + "'");
                }
            }
            Plan plan = new Plan(p.get("name").asText(), service, p.get("memory_bytes").asLong(),
                    p.get("max_connections").asInt(), p.get("price_month_usd").asDouble());
            if (plan.name().isBlank() || plan.memoryBytes() <= 0 || plan.maxConnections() == 0 || plan.maxConnections() < Plan.UNLIMITED
                    || !(plan.priceMonthUsd() >= 0) || Double.isInfinite(plan.priceMonthUsd())) {
                throw new IllegalArgumentException(source + ": plan '" + plan.name() + "' needs a name, memory_bytes above 0, "
                        + "max_connections above 0 (or -1: unlimited) and price_month_usd of 0 or more");
            }
            plans.add(plan);
        }
        if (plans.isEmpty()) {
            throw new IllegalArgumentException(source + ": no plans");
        }
        if (plans.size() > Sizes.MAX_STEPS) {
            throw new IllegalArgumentException(source + ": more than " + Sizes.MAX_STEPS + " plans");
        }
        if (plans.stream().map(Plan::name).distinct().count() < plans.size()) {
            throw new IllegalArgumentException(source + ": a plan is named twice");
        }
        return List.copyOf(plans);
    }

    /**
     * A size chosen from a range with a step, priced by the GB ({@code {"name_prefix", "min_gb", "max_gb", "step_gb",
     * "price_gb_month_usd", "max_connections"}}): the cost of a size is its GB times the price, and each step is a plan
     * named by its size ({@code rediscloud-pro:2.5}), so the policy, the backtester and the ledger price it as any plan.
     */
    public record Sizes(String namePrefix, double minGb, double maxGb, double stepGb, double priceGbMonthUsd, int maxConnections) {
        /** More steps than this is a range no policy needs, and a catalog too big to publish. */
        public static final int MAX_STEPS = 1000;
        /** Decimal GB, as Redis Cloud sells them. */
        public static final double GB = 1e9;

        public Sizes {
            if (!(minGb > 0 && stepGb > 0 && maxGb >= minGb && priceGbMonthUsd >= 0)) {
                throw new IllegalArgumentException("sizes need 0 < min_gb <= max_gb, step_gb > 0 and price_gb_month_usd >= 0");
            }
            if ((maxGb - minGb) / stepGb + 1 > MAX_STEPS) {
                throw new IllegalArgumentException("sizes from " + minGb + " to " + maxGb + " GB by " + stepGb
                        + " GB are more than " + MAX_STEPS + " steps");
            }
        }

        static Sizes of(JsonNode n, String source) {
            for (String field : List.of("name_prefix", "min_gb", "max_gb", "step_gb", "price_gb_month_usd")) {
                if (!n.has(field)) {
                    throw new IllegalArgumentException(source + ": 'sizes' lacks '" + field + "'");
                }
            }
            try {
                return new Sizes(n.get("name_prefix").asText(), n.get("min_gb").asDouble(), n.get("max_gb").asDouble(),
                        n.get("step_gb").asDouble(), n.get("price_gb_month_usd").asDouble(), n.path("max_connections").asInt(Plan.UNLIMITED));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }

        /** Every step from the least size to the greatest, as plans of {@code service}. */
        public List<Plan> plans(String service) {
            List<Plan> out = new ArrayList<>();
            long steps = Math.round(Math.floor((maxGb - minGb) / stepGb + 1e-9));
            for (long i = 0; i <= steps; i++) {
                out.add(plan(service, minGb + i * stepGb));
            }
            return out;
        }

        /** The plan of one size (rounded to a thousandth of a GB, as the name says it). */
        public Plan plan(String service, double gb) {
            double size = Math.round(gb * 1000) / 1000.0;
            return new Plan(namePrefix + name(size), service, Math.round(size * GB), maxConnections, size * priceGbMonthUsd);
        }

        /** The size a plan of this range stands for; an {@link IllegalArgumentException} for another plan. */
        public static double gb(String prefix, String plan) {
            if (!plan.startsWith(prefix)) {
                throw new IllegalArgumentException(plan + " is not a size of " + prefix);
            }
            return Double.parseDouble(plan.substring(prefix.length()));
        }

        private static String name(double gb) {
            return java.math.BigDecimal.valueOf(gb).stripTrailingZeros().toPlainString();
        }
    }
}
