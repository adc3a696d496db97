package io.redisscale.collector.plans;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.redisscale.events.Plan;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Entity
@Table(name = "plan")
public class PlanEntity extends PanacheEntityBase {
    @Id
    public String name;
    public String service;
    @Column(name = "memory_bytes")
    public long memoryBytes;
    @Column(name = "max_connections")
    public int maxConnections;
    @Column(name = "price_month_usd")
    public double priceMonthUsd;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A row holding {@code p}'s figures as of {@code at}. */
    static PlanEntity of(Plan p, Instant at) {
        PlanEntity e = new PlanEntity();
        e.name = p.name();
        e.service = p.service();
        e.set(p, at);
        return e;
    }

    /** Takes {@code p}'s figures; true when any differed. */
    boolean set(Plan p, Instant at) {
        boolean changed = memoryBytes != p.memoryBytes() || maxConnections != p.maxConnections() || priceMonthUsd != p.priceMonthUsd();
        memoryBytes = p.memoryBytes();
        maxConnections = p.maxConnections();
        priceMonthUsd = p.priceMonthUsd();
        if (changed) {
            updatedAt = at;
        }
        return changed;
    }

    public Plan toEvent() {
        return new Plan(name, service, memoryBytes, maxConnections, priceMonthUsd);
    }

    /** The whole catalog, as events. */
    public static List<Plan> catalog() {
        return PlanEntity.<PlanEntity>listAll().stream().map(PlanEntity::toEvent).toList();
    }

    public static List<PlanEntity> ofService(String service) {
        return list("service = ?1 order by memoryBytes", service);
    }

    /** The whole catalog by plan name. */
    public static Map<String, Plan> byName() {
        return catalog().stream().collect(Collectors.toMap(Plan::name, Function.identity()));
    }
}
