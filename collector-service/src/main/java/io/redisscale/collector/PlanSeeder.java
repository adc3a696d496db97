package io.redisscale.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.redisscale.events.Topics;
import io.redisscale.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * Seeds the plan catalog from the bundled catalogs (a plan already in the table is left as edited)
 * and republishes every plan at start-up, so the plans topic is whole even on a fresh broker.
 */
@ApplicationScoped
class PlanSeeder {
    static final List<String> CATALOGS = List.of("catalogs/rediscloud.json", "catalogs/heroku-redis.json");

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    PlanSeeder(Outbox outbox, ObjectMapper mapper, Clock clock) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        for (String catalog : CATALOGS) {
            JsonNode root = read(catalog);
            String service = root.get("service").asText();
            for (JsonNode p : root.get("plans")) {
                String name = p.get("name").asText();
                if (PlanEntity.findById(name) == null) {
                    PlanEntity e = new PlanEntity();
                    e.name = name;
                    e.service = service;
                    e.memoryBytes = p.get("memory_bytes").asLong();
                    e.maxConnections = p.get("max_connections").asInt();
                    e.priceMonthUsd = p.get("price_month_usd").asDouble();
                    e.updatedAt = clock.instant();
                    e.persist();
                }
            }
        }
        for (PlanEntity plan : PlanEntity.<PlanEntity>listAll()) {
            outbox.add(Topics.PLANS, plan.name, plan.toEvent());
        }
    }

    private JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog " + resource + " missing from the build");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
