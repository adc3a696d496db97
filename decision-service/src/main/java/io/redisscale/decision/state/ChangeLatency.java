package io.redisscale.decision.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The measured time of plan changes between two plans of a service through one provider, from the actuator's outcomes. */
@Entity
@Table(name = "change_latency")
@IdClass(ChangeLatency.Key.class)
public class ChangeLatency extends PanacheEntityBase {
    /** Weight of the newest measurement in the mean. */
    static final double WEIGHT = 0.3;

    public record Key(String provider, String service, String fromPlan, String toPlan) implements Serializable {
        public Key() {
            this(null, null, null, null);
        }
    }

    @Id
    public String provider;
    @Id
    public String service;
    @Id
    @Column(name = "from_plan")
    public String fromPlan;
    @Id
    @Column(name = "to_plan")
    public String toPlan;
    @Column(name = "ewma_ms")
    public long ewmaMs;
    @Column(name = "last_ms")
    public long lastMs;
    public int outcomes;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static void record(String provider, String service, String from, String to, long ms, Instant at) {
        ChangeLatency row = findById(new Key(provider, service, from, to));
        boolean first = row == null;
        if (first) {
            row = new ChangeLatency();
            row.provider = provider;
            row.service = service;
            row.fromPlan = from;
            row.toPlan = to;
            row.ewmaMs = ms;
        } else {
            row.ewmaMs = Math.round(WEIGHT * ms + (1 - WEIGHT) * row.ewmaMs);
        }
        row.lastMs = ms;
        row.outcomes++;
        row.updatedAt = at;
        if (first) {
            row.persist();
        }
    }
}
