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

    public Replica(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies one record: an upsert, or a delete for a tombstone. */
    @Transactional
    public void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("record without key on " + record.topic());
        }
        if (record.value() == null) {
            update("DELETE FROM replica WHERE topic = ? AND msg_key = ?", record.topic(), record.key());
        } else {
            update("INSERT INTO replica (topic, msg_key, payload, updated_at) VALUES (?, ?, ?, now()) "
                    + "ON CONFLICT (topic, msg_key) DO UPDATE SET payload = EXCLUDED.payload, updated_at = now()",
                    record.topic(), record.key(), record.value());
        }
    }

    public <T> Optional<T> get(String topic, String key, Class<T> type) {
        List<T> found = query("SELECT payload FROM replica WHERE topic = ? AND msg_key = ?", type, topic, key);
        return found.stream().findFirst();
    }

    public <T> List<T> all(String topic, Class<T> type) {
        return query("SELECT payload FROM replica WHERE topic = ? ORDER BY msg_key", type, topic);
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("replica update failed", e);
        }
    }

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
