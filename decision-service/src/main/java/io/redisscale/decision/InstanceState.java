package io.redisscale.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "instance_state")
public class InstanceState extends PanacheEntityBase {
    /** The stored last good sample may be this much older than the real one. */
    static final java.time.Duration LAST_GOOD_GRAIN = java.time.Duration.ofMinutes(2);
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
        // Stored at most once a LAST_GOOD_GRAIN (and when a data-missing episode ends): it feeds only the
        // missing-data check and the purge, which count in minutes, and an update on every sample was the
        // largest part of a batch's database work. (Before dataMissingOpen below takes the new value.)
        if (lastGoodSampleAt == null || s.lastGoodSampleAt == null || dataMissingOpen && !s.dataMissingOpen
                || !s.lastGoodSampleAt.isBefore(lastGoodSampleAt.plus(LAST_GOOD_GRAIN))) {
            lastGoodSampleAt = s.lastGoodSampleAt;
        }
        breachOpen = s.breachOpen;
        atMaxOpen = s.atMaxOpen;
        atMinOpen = s.atMinOpen;
        dataMissingOpen = s.dataMissingOpen;
    }

    /**
     * The rows of {@code ids}, created where missing, locked until commit (in key order, so two writers
     * never wait for each other in a circle): an outcome or the missing-data check on another thread or
     * replica waits for the batch instead of overwriting it. The rows are read first and only the missing
     * ones inserted: after an instance's first batch, its row is there.
     */
    static Map<UUID, InstanceState> lockAll(Collection<UUID> ids) {
        Map<UUID, InstanceState> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        lock(ids).forEach(s -> out.put(s.instanceId, s));
        if (out.size() < ids.size()) {
            UUID[] missing = ids.stream().filter(id -> !out.containsKey(id)).sorted().toArray(UUID[]::new);
            getEntityManager().createNativeQuery("INSERT INTO instance_state (instance_id) SELECT unnest(cast(?1 as uuid[])) "
                    + "ON CONFLICT DO NOTHING").setParameter(1, missing).executeUpdate();
            lock(java.util.Arrays.asList(missing)).forEach(s -> out.put(s.instanceId, s));
        }
        return out;
    }

    /** The existing rows of {@code ids}, locked in key order. */
    private static java.util.List<InstanceState> lock(Collection<UUID> ids) {
        // Native, with the ids as one array parameter: an HQL "in" list is a new query plan for every batch size.
        @SuppressWarnings("unchecked")
        java.util.List<InstanceState> rows = getEntityManager().createNativeQuery("SELECT * FROM instance_state "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) ORDER BY instance_id FOR UPDATE", InstanceState.class)
                .setParameter(1, ids.toArray(UUID[]::new)).getResultList();
        return rows;
    }
}
