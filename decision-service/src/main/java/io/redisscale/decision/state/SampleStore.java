package io.redisscale.decision.state;

import io.redisscale.decision.Received;
import io.quarkus.scheduler.Scheduled;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The samples judged in the last day, in this service's schema: what a restarted or newly assigned
 * replica rebuilds its windows and daily profiles from.
 */
@ApplicationScoped
public class SampleStore {
    public static final Duration RETENTION = Duration.ofHours(25);

    private final EntityManager em;
    private final Clock clock;

    SampleStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Stores a batch's samples in one JDBC batch, as they came over the wire (a repeated one is kept once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(List<Received> batch) {
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO window_sample (instance_id, at, payload) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Received r : batch) {
                    ps.setObject(1, r.sample().instanceId());
                    ps.setObject(2, java.time.OffsetDateTime.ofInstant(r.sample().at(), java.time.ZoneOffset.UTC));
                    ps.setString(3, r.json());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The stored samples of several instances since {@code from}, oldest first per instance: one query for a batch. */
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, List<MetricSample>> since(java.util.Collection<UUID> ids, Instant from) {
        java.util.Map<UUID, List<MetricSample>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> rows = em.createNativeQuery("SELECT payload FROM window_sample WHERE instance_id = ANY(cast(?1 as uuid[])) "
                        + "AND at >= ?2 ORDER BY instance_id, at")
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, from).getResultList();
        for (String r : rows) {
            MetricSample s = Events.read(r, MetricSample.class);
            out.computeIfAbsent(s.instanceId(), id -> new java.util.ArrayList<>()).add(s);
        }
        return out;
    }

    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM window_sample WHERE at < ?1").setParameter(1, clock.instant().minus(RETENTION))
                .executeUpdate();
    }
}
