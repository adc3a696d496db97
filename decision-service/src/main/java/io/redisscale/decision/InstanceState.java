package io.redisscale.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "instance_state")
public class InstanceState extends PanacheEntityBase {
    @Id
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "last_change_at")
    public Instant lastChangeAt;
    @Column(name = "pending_command_id")
    public UUID pendingCommandId;
    @Column(name = "pending_target")
    public String pendingTarget;
    @Column(name = "pending_since")
    public Instant pendingSince;
    @Column(name = "breach_open")
    public boolean breachOpen;
    @Column(name = "at_max_open")
    public boolean atMaxOpen;
    @Column(name = "at_min_open")
    public boolean atMinOpen;
    @Column(name = "last_good_sample_at")
    public Instant lastGoodSampleAt;
    @Column(name = "data_missing_open")
    public boolean dataMissingOpen;

    /** The loop's state, read from this row. */
    InstanceLoop.State toLoop() {
        InstanceLoop.State s = new InstanceLoop.State();
        s.pendingCommandId = pendingCommandId;
        s.pendingTarget = pendingTarget;
        s.pendingSince = pendingSince;
        s.lastChangeAt = lastChangeAt;
        s.lastGoodSampleAt = lastGoodSampleAt;
        s.breachOpen = breachOpen;
        s.atMaxOpen = atMaxOpen;
        s.atMinOpen = atMinOpen;
        s.dataMissingOpen = dataMissingOpen;
        return s;
    }

    /** Writes the loop's state back into this row. */
    void apply(InstanceLoop.State s) {
        pendingCommandId = s.pendingCommandId;
        pendingTarget = s.pendingTarget;
        pendingSince = s.pendingSince;
        lastChangeAt = s.lastChangeAt;
        lastGoodSampleAt = s.lastGoodSampleAt;
        breachOpen = s.breachOpen;
        atMaxOpen = s.atMaxOpen;
        atMinOpen = s.atMinOpen;
        dataMissingOpen = s.dataMissingOpen;
    }

    static InstanceState of(UUID id) {
        InstanceState s = findById(id);
        if (s == null) {
            s = new InstanceState();
            s.instanceId = id;
            s.persist();
        }
        return s;
    }
}
