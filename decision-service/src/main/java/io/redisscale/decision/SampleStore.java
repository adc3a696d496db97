package io.redisscale.decision;

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
class SampleStore {
    static final Duration RETENTION = Duration.ofHours(25);

    private final EntityManager em;
    private final Clock clock;

    SampleStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void save(MetricSample s) {
        em.createNativeQuery("INSERT INTO window_sample (instance_id, at, payload) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, s.instanceId()).setParameter(2, s.at()).setParameter(3, Events.write(s)).executeUpdate();
    }

    /** The instance's stored samples since {@code from}, oldest first. */
    @SuppressWarnings("unchecked")
    List<MetricSample> since(UUID instanceId, Instant from) {
        List<String> rows = em.createNativeQuery("SELECT payload FROM window_sample WHERE instance_id = ?1 AND at >= ?2 ORDER BY at")
                .setParameter(1, instanceId).setParameter(2, from).getResultList();
        return rows.stream().map(r -> Events.read(r, MetricSample.class)).toList();
    }

    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM window_sample WHERE at < ?1").setParameter(1, clock.instant().minus(RETENTION))
                .executeUpdate();
    }
}
