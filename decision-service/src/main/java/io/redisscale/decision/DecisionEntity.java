package io.redisscale.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "instance_id")
    public UUID instanceId;
    public Instant at;
    public String action;
    @Column(name = "from_plan")
    public String fromPlan;
    @Column(name = "to_plan")
    public String toPlan;
    @Column(name = "reason_code")
    public String reasonCode;
    public String reason;
    public String inputs;
    @Column(name = "command_id")
    public UUID commandId;
    public String note;

    /** The latest decision of each of {@code ids} that has one, in one query. */
    @SuppressWarnings("unchecked")
    static java.util.Map<UUID, DecisionEntity> latest(java.util.Collection<UUID> ids) {
        java.util.List<DecisionEntity> rows = getEntityManager().createNativeQuery("SELECT DISTINCT ON (instance_id) * FROM decision "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) ORDER BY instance_id, at DESC", DecisionEntity.class)
                .setParameter(1, ids.toArray(UUID[]::new)).getResultList();
        java.util.Map<UUID, DecisionEntity> out = new java.util.HashMap<>();
        rows.forEach(d -> out.put(d.instanceId, d));
        return out;
    }
}
