package io.redisscale.elasticache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ElastiCache catalog for any region, from AWS's public Price List offer file of that region
 * ({@code https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonElastiCache/current/<region>/index.json}):
 * each node type's on-demand hourly price for the engine ({@code products[].attributes.cacheEngine},
 * {@code terms.OnDemand[sku][..].priceDimensions[..].pricePerUnit.USD}) times {@link #HOURS_A_MONTH}, with the
 * memory (maxmemory) and maxclients of the bundled reference table, which are the same in every region. A node type
 * the table does not hold is left out and named, never guessed.
 */
public final class PriceList {
    /** The hours AWS's own monthly figures use. */
    public static final double HOURS_A_MONTH = 730;
    /** The node types' memory and connections: the bundled us-east-1 catalog. */
    public static final String REFERENCE = "elasticache-us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The catalog file of the region, and the node types priced there that the reference table lacks. */
    public record Catalog(ObjectNode file, List<String> leftOut) {}

    private PriceList() {}

    public static Catalog catalog(JsonNode offer, String region, String engine) {
        if (!"AmazonElastiCache".equals(offer.path("offerCode").asText())) {
            throw new IllegalArgumentException("not an AmazonElastiCache offer file (offerCode '" + offer.path("offerCode").asText() + "')");
        }
        Map<String, Plan> reference = new TreeMap<>();
        for (Plan p : PlanCatalog.bundled(REFERENCE)) {
            reference.put(NodeTypes.nodeType(p.name()), p);
        }
        Map<String, Double> hourly = new TreeMap<>();
        offer.path("products").forEach(product -> {
            JsonNode a = product.path("attributes");
            if ("Cache Instance".equals(product.path("productFamily").asText()) && region.equals(a.path("regionCode").asText())
                    && engine.equalsIgnoreCase(a.path("cacheEngine").asText())) {
                onDemandUsd(offer, product.path("sku").asText()).ifPresent(usd -> hourly.put(a.path("instanceType").asText(), usd));
            }
        });
        if (hourly.isEmpty()) {
            throw new IllegalArgumentException("the offer file prices no " + engine + " node in " + region);
        }
        ObjectNode file = JSON.createObjectNode();
        String service = NodeTypes.service(region);
        file.put("service", service);
        file.put("note", "AWS ElastiCache for " + engine + ", node-based, region " + region + ": price the on-demand hourly price of one "
                + "node (AWS Price List offer file, version " + offer.path("version").asText() + ") times " + (int) HOURS_A_MONTH
                + " hours, for a group of one node; memory and max_connections from " + REFERENCE + ". Made by ./autoscaler catalog.");
        file.put("source", "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonElastiCache/current/" + region + "/index.json");
        file.put("source_date", offer.path("publicationDate").asText());
        ArrayNode plans = file.putArray("plans");
        List<String> leftOut = new ArrayList<>();
        reference.values().stream().sorted(java.util.Comparator.comparingLong(Plan::memoryBytes)).forEach(ref -> {
            String type = NodeTypes.nodeType(ref.name());
            Double usd = hourly.get(type);
            if (usd != null) {
                plans.addObject().put("name", NodeTypes.plan(region, type)).put("memory_bytes", ref.memoryBytes())
                        .put("max_connections", ref.maxConnections())
                        .put("price_month_usd", BigDecimal.valueOf(usd * HOURS_A_MONTH).setScale(2, RoundingMode.HALF_UP).doubleValue());
            }
        });
        hourly.keySet().stream().filter(t -> !reference.containsKey(t)).forEach(leftOut::add);
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("none of the node types priced in " + region + " is in the reference table " + REFERENCE);
        }
        return new Catalog(file, leftOut);
    }

    /** The on-demand hourly USD price of a product: the first per-hour price dimension of its on-demand term. */
    private static java.util.Optional<Double> onDemandUsd(JsonNode offer, String sku) {
        for (JsonNode term : offer.path("terms").path("OnDemand").path(sku)) {
            for (JsonNode dimension : term.path("priceDimensions")) {
                String usd = dimension.path("pricePerUnit").path("USD").asText("");
                if ("Hrs".equals(dimension.path("unit").asText()) && !usd.isEmpty()) {
                    return java.util.Optional.of(Double.parseDouble(usd));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * {@code PriceList REGION ENGINE OFFER.json}: the region's catalog file on standard output, the node types left
     * out on standard error ({@code ./autoscaler catalog elasticache} runs it).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PriceList REGION ENGINE OFFER.json (ENGINE: Redis or Valkey)");
            System.exit(2);
        }
        Catalog c;
        try {
            c = catalog(JSON.readTree(new java.io.File(args[2])), args[0], args[1]);
        } catch (IllegalArgumentException e) {
            System.err.println("catalog: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c.file()));
        if (!c.leftOut().isEmpty()) {
            System.err.println("left out (memory not in " + REFERENCE + "): " + String.join(", ", c.leftOut()));
        }
    }
}
