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
 * backtester is given.
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

    static List<Plan> parse(JsonNode root, String source) {
        if (root == null || !root.has("plans") || !root.has("service")) {
            throw new IllegalArgumentException(source + ": not a plan catalog (needs 'service' and 'plans')");
        }
        String service = root.get("service").asText();
        List<Plan> plans = new ArrayList<>();
        for (JsonNode p : root.get("plans")) {
            for (String field : List.of("name", "memory_bytes", "max_connections", "price_month_usd")) {
                if (!p.has(field)) {
                    throw new IllegalArgumentException(source + ": a plan lacks '" + field + "'");
                }
            }
            plans.add(new Plan(p.get("name").asText(), service, p.get("memory_bytes").asLong(),
                    p.get("max_connections").asInt(), p.get("price_month_usd").asDouble()));
        }
        if (plans.isEmpty()) {
            throw new IllegalArgumentException(source + ": no plans");
        }
        return List.copyOf(plans);
    }
}
