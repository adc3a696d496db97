package io.redisscale.decision.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The stored loop states ({@code instance_state}), with plain JDBC on the transaction's connection: a batch
 * of samples reads its instances' rows without a lock and writes back only the changed ones, each on the
 * version it read (optimistic). Locking every row of every batch, and loading it as a managed entity to be
 * dirty-checked at commit, was a fifth of a batch's work in the service and as much again in the database.
 * The single-row paths (an outcome, the missing-data check) lock what they change, as before.
 */
@ApplicationScoped
public class InstanceStates {
    private static final String COLUMNS = "instance_id, last_change_at, pending_command_id, pending_target, pending_since, "
            + "breach_open, at_max_open, at_min_open, last_good_sample_at, data_missing_open, "
            // Mostly empty: read as null, and parsed only where there is something (a batch reads hundreds of rows).
            + "NULLIF(recent_changes, '{}'), version, would_scale_target";
    private static final String UPDATE = "UPDATE instance_state SET last_change_at = ?, pending_command_id = ?, pending_target = ?, "
            + "pending_since = ?, breach_open = ?, at_max_open = ?, at_min_open = ?, last_good_sample_at = ?, data_missing_open = ?, "
            + "recent_changes = ?, would_scale_target = ?, version = version + 1 WHERE instance_id = ? AND version = ?";

    private final EntityManager em;

    InstanceStates(EntityManager em) {
        this.em = em;
    }

    /** The rows of {@code ids}, created where missing; not locked (see {@link #write}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, InstanceState> readAll(Collection<UUID> ids) {
        Map<UUID, InstanceState> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        work(c -> select(c, "WHERE instance_id = ANY(?)", ps -> ps.setArray(1, c.createArrayOf("uuid", ids.toArray()))))
                .forEach(s -> out.put(s.instanceId, s));
        if (out.size() < ids.size()) {
            Object[] missing = ids.stream().filter(id -> !out.containsKey(id)).sorted().toArray();
            work(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO instance_state (instance_id) SELECT unnest(?) ON CONFLICT DO NOTHING")) {
                    ps.setArray(1, c.createArrayOf("uuid", missing));
                    ps.executeUpdate();
                }
                return select(c, "WHERE instance_id = ANY(?)", ps -> ps.setArray(1, c.createArrayOf("uuid", missing)));
            }).forEach(s -> out.put(s.instanceId, s));
        }
        return out;
    }

    /** One instance's row, locked until commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<InstanceState> lock(UUID id) {
        return work(c -> select(c, "WHERE instance_id = ? FOR UPDATE", ps -> ps.setObject(1, id))).stream().findFirst();
    }

    /** The rows with no open data-missing episode whose last good sample is older than {@code before}, locked in key order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<InstanceState> lockSilent(Instant before) {
        return work(c -> select(c, "WHERE NOT data_missing_open AND last_good_sample_at < ? ORDER BY instance_id FOR UPDATE",
                ps -> ps.setObject(1, at(before), Types.TIMESTAMP_WITH_TIMEZONE)));
    }

    /** The rows with no good sample since {@code before} (or none at all): the purge's candidates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<InstanceState> silentSince(Instant before) {
        return work(c -> select(c, "WHERE last_good_sample_at IS NULL OR last_good_sample_at < ?",
                ps -> ps.setObject(1, at(before), Types.TIMESTAMP_WITH_TIMEZONE)));
    }

    /** One instance's row, if it has one. */
    public Optional<InstanceState> find(UUID id) {
        return work(c -> select(c, "WHERE instance_id = ?", ps -> ps.setObject(1, id))).stream().findFirst();
    }

    /**
     * Writes {@code rows} back (in key order), each on the version it was read with; throws
     * {@link OptimisticLockException} (a transient failure: the batch is judged again) when another writer
     * changed one meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Collection<InstanceState> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<InstanceState> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(s -> s.instanceId));
        int[] counts = work(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                for (InstanceState s : sorted) {
                    ps.setObject(1, at(s.lastChangeAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(2, s.pendingCommandId, Types.OTHER);
                    ps.setString(3, s.pendingTarget);
                    ps.setObject(4, at(s.pendingSince), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setBoolean(5, s.breachOpen);
                    ps.setBoolean(6, s.atMaxOpen);
                    ps.setBoolean(7, s.atMinOpen);
                    ps.setObject(8, at(s.lastGoodSampleAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setBoolean(9, s.dataMissingOpen);
                    ps.setArray(10, c.createArrayOf("timestamptz", s.recentChanges.stream().map(InstanceStates::at).toArray()));
                    ps.setString(11, s.wouldScaleTarget);
                    ps.setObject(12, s.instanceId);
                    ps.setLong(13, s.version);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new OptimisticLockException("the stored state of instance " + sorted.get(i).instanceId
                        + " changed while it was judged (or it was deleted)");
            }
        }
        sorted.forEach(s -> s.version++);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(UUID id) {
        work(c -> {
            try (PreparedStatement calendar = c.prepareStatement("DELETE FROM rise_calendar WHERE instance_id = ?");
                 PreparedStatement ps = c.prepareStatement("DELETE FROM instance_state WHERE instance_id = ?")) {
                calendar.setObject(1, id);
                calendar.executeUpdate();
                ps.setObject(1, id);
                return ps.executeUpdate();
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<InstanceState> select(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instance_state " + where)) {
            binder.bind(ps);
            List<InstanceState> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /** The one mapper from a row (in the order of COLUMNS). */
    private static InstanceState row(ResultSet rs) throws SQLException {
        InstanceState s = new InstanceState(rs.getObject(1, UUID.class));
        s.lastChangeAt = instant(rs, 2);
        s.pendingCommandId = rs.getObject(3, UUID.class);
        s.pendingTarget = rs.getString(4);
        s.pendingSince = instant(rs, 5);
        s.breachOpen = rs.getBoolean(6);
        s.atMaxOpen = rs.getBoolean(7);
        s.atMinOpen = rs.getBoolean(8);
        s.lastGoodSampleAt = instant(rs, 9);
        s.dataMissingOpen = rs.getBoolean(10);
        java.sql.Array changes = rs.getArray(11);
        s.recentChanges = changes == null ? List.of()
                : java.util.Arrays.stream((Object[]) changes.getArray()).map(t -> ((java.sql.Timestamp) t).toInstant()).toList();
        s.version = rs.getLong(12);
        s.wouldScaleTarget = rs.getString(13);
        return s;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private <T> T work(org.hibernate.jdbc.ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
