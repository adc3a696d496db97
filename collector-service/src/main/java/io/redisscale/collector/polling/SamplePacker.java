package io.redisscale.collector.polling;

import io.quarkus.scheduler.Scheduled;
import io.redisscale.collector.savings.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Packs the samples of closed hours from {@code sample_recent} (a row per poll) into {@code sample_block} (a row per
 * instance, UTC hour, status, plan and limits, the readings in arrays), about a twentieth of the space; readers see
 * both through the view {@code metric_sample}. Only samples already folded into the savings ledger are packed, so
 * the ledger's fold and its reading of the unfolded tail stay in {@code sample_recent} (what is packed is folded
 * again on the way, peaks only grow: a sample stored late, after the fold passed its time, is not lost to it); and each instance's newest
 * sample and newest answered one are never packed, so "the latest sample" is one index probe there. Packing is one
 * statement (the rows deleted are the rows packed): replicas running it together each pack what they deleted.
 */
@ApplicationScoped
public class SamplePacker {
    private static final Logger LOG = Logger.getLogger(SamplePacker.class);

    static final String PACK = """
            WITH gone AS (
                DELETE FROM sample_recent r WHERE r.at < ?1
                AND EXISTS (SELECT 1 FROM sample_recent n WHERE n.instance_id = r.instance_id AND n.at > r.at
                            AND (r.status <> 'ok' OR n.status = 'ok'))
                RETURNING r.*, date_trunc('hour', r.at, 'UTC') AS hour),
            packed AS (
                INSERT INTO sample_block (instance_id, hour, status, error_class, plan, maxmemory, maxclients,
                                          at_us, used_memory, connected_clients, evicted_keys, rejected_connections)
                SELECT instance_id, hour, status, error_class, plan, maxmemory, maxclients,
                       array_agg((extract(epoch FROM at - hour) * 1000000)::bigint ORDER BY at),
                       array_agg(used_memory ORDER BY at), array_agg(connected_clients ORDER BY at),
                       array_agg(evicted_keys ORDER BY at), array_agg(rejected_connections ORDER BY at)
                FROM gone GROUP BY instance_id, hour, status, error_class, plan, maxmemory, maxclients
                RETURNING 1),
            folded AS (%s)
            SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM packed)""".formatted(Ledger.foldOf("gone"));

    private final EntityManager em;
    private final Clock clock;

    SamplePacker(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${collector.pack-interval:5m}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        pack();
    }

    /** Packs every sample of an hour closed before now that the ledger has folded; returns how many samples it packed. */
    @Transactional
    public long pack() {
        Instant now = clock.instant();
        Instant folded = Ledger.foldedBefore();
        // Whole hours only: an hour is packed once it is closed and folded (a few minutes after it ends).
        Instant before = (folded.isBefore(now) ? folded : now).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Object[] counts = (Object[]) em.createNativeQuery(PACK).setParameter(1, before).getSingleResult();
        long samples = ((Number) counts[0]).longValue();
        if (samples > 0) {
            LOG.debugf("packed %d samples into %d hourly rows", samples, ((Number) counts[1]).longValue());
        }
        return samples;
    }
}
