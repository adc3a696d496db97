package io.redisscale.runtime;

import io.agroal.api.AgroalDataSource;
import io.redisscale.events.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * This service's copy of a compacted topic (instances, plans): the latest value per key, kept in its
 * own schema so it survives restarts and is read without asking another service.
 */
@ApplicationScoped
public class Replica {
    private final AgroalDataSource dataSource;
    /** Records come from the broker's (prefixed) topics; the replica is kept under the system's names. */
    private final KafkaNames names;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    public Replica(AgroalDataSource dataSource, KafkaNames names) {
        this.dataSource = dataSource;
        this.names = names;
    }

    /** Applies one record: an upsert, or a delete for a tombstone. */
    @Transactional
    public void apply(ConsumerRecord<String, String> record) {
        applyAll(List.of(record));
    }

    /** Applies a batch of records in order, in one transaction. */
    @Transactional
    public void applyAll(List<ConsumerRecord<String, String>> records) {
        try (Connection c = dataSource.getConnection()) {
            for (ConsumerRecord<String, String> record : records) {
                if (record.key() == null) {
                    throw new IllegalArgumentException("record without key on " + record.topic());
                }
                boolean delete = record.value() == null;
                String topic = names.logical(record.topic());
                long version;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO replica_version (topic, version, deletes) VALUES (?, 1, ?) "
                        + "ON CONFLICT (topic) DO UPDATE SET version = replica_version.version + 1, "
                        + "deletes = replica_version.deletes + EXCLUDED.deletes RETURNING version")) {
                    ps.setString(1, topic);
                    ps.setLong(2, delete ? 1 : 0);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        version = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(delete ? "DELETE FROM replica WHERE topic = ? AND msg_key = ?"
                        : "INSERT INTO replica (topic, msg_key, payload, updated_at, version) VALUES (?, ?, ?, now(), ?) "
                        + "ON CONFLICT (topic, msg_key) DO UPDATE SET payload = EXCLUDED.payload, updated_at = now(), "
                        + "version = EXCLUDED.version")) {
                    ps.setString(1, topic);
                    ps.setString(2, record.key());
                    if (!delete) {
                        ps.setString(3, record.value());
                        ps.setLong(4, version);
                    }
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(delete
                        ? "INSERT INTO replica_tombstone (topic, msg_key) VALUES (?, ?) ON CONFLICT (topic, msg_key) DO UPDATE SET deleted_at = now()"
                        : "DELETE FROM replica_tombstone WHERE topic = ? AND msg_key = ?")) {
                    ps.setString(1, topic);
                    ps.setString(2, record.key());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replica update failed", e);
        }
    }

    /**
     * The whole topic as a map by key, held in memory: each call reads the topic's counter, then only the
     * rows changed since the copy was made (all of them after a delete). One small query while nothing changed.
     */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> snapshot(String topic, Class<T> type) {
        try (Connection c = dataSource.getConnection()) {
            long version = 0;
            long deletes = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT version, deletes FROM replica_version WHERE topic = ?")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        version = rs.getLong(1);
                        deletes = rs.getLong(2);
                    }
                }
            }
            Snapshot held = snapshots.get(topic);
            if (held != null && held.type == type && held.deletes == deletes && held.version == version) {
                return (Map<String, T>) held.byKey;
            }
            boolean incremental = held != null && held.type == type && held.deletes == deletes && held.version < version;
            Map<String, T> byKey = incremental ? new HashMap<>((Map<String, T>) held.byKey) : new HashMap<>();
            // Read after the counter: the rows are at least that new, so a later change always moves it again.
            try (PreparedStatement ps = c.prepareStatement("SELECT msg_key, payload FROM replica WHERE topic = ? AND version > ?")) {
                ps.setString(1, topic);
                ps.setLong(2, incremental ? held.version : -1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byKey.put(rs.getString(1), Events.read(rs.getString(2), type));
                    }
                }
            }
            Map<String, T> frozen = Collections.unmodifiableMap(byKey);
            snapshots.put(topic, new Snapshot(version, deletes, type, frozen));
            return frozen;
        } catch (SQLException e) {
            throw new IllegalStateException("replica read failed", e);
        }
    }

    public <T> Optional<T> get(String topic, String key, Class<T> type) {
        List<T> found = query("SELECT payload FROM replica WHERE topic = ? AND msg_key = ?", type, topic, key);
        return found.stream().findFirst();
    }

    /**
     * Whether a tombstone removed {@code key} (and nothing brought it back since). A key neither here nor
     * deleted has not reached this replica yet: work that needs it waits ({@link NotArrivedYet}) instead of
     * being dropped as if deleted.
     */
    public boolean deleted(String topic, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM replica_tombstone WHERE topic = ? AND msg_key = ?")) {
            ps.setString(1, topic);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replica read failed", e);
        }
    }

    public <T> List<T> all(String topic, Class<T> type) {
        return query("SELECT payload FROM replica WHERE topic = ? ORDER BY msg_key", type, topic);
    }

    private record Snapshot(long version, long deletes, Class<?> type, Map<String, ?> byKey) {}

    private <T> List<T> query(String sql, Class<T> type, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Events.read(rs.getString(1), type));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("replica read failed", e);
        }
    }
}
