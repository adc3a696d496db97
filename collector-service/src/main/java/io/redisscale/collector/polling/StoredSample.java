package io.redisscale.collector.polling;

import io.redisscale.runtime.SqlValues;
import io.redisscale.events.MetricSample;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * Every stored sample, one row each, wherever it is kept (the view {@code metric_sample} over {@code sample_recent}
 * and the packed {@code sample_block}): what charts, the API, the CSV export and the what-if read.
 */
@Entity
@Immutable
@Table(name = "metric_sample")
public class StoredSample extends SampleColumns {
    /** A sample's row id; below zero for a packed one. */
    @Id
    public Long id;

    /** Samples folded per {@code step} in the database, newest bucket first. */
    @SuppressWarnings("unchecked")
    public static java.util.List<SampleBucket> buckets(UUID id, Instant from, Instant to, java.time.Duration step, int limit) {
        java.util.List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT to_timestamp(floor(extract(epoch FROM at) / :step) * :step) AS bucket,
                       count(*), count(*) FILTER (WHERE status = 'unreachable'),
                       max(used_memory), round(avg(used_memory)),
                       max(connected_clients), round(avg(connected_clients)),
                       (array_agg(plan ORDER BY at DESC))[1]
                FROM metric_sample
                WHERE instance_id = :id AND at >= :from AND at <= :to
                GROUP BY bucket ORDER BY bucket DESC LIMIT :limit""")
                .setParameter("step", step.toSeconds()).setParameter("id", id)
                .setParameter("from", from).setParameter("to", to).setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new SampleBucket(SqlValues.instant(r[0]), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), SqlValues.toLong(r[3]), SqlValues.toLong(r[4]), SqlValues.toInt(r[5]),
                SqlValues.toInt(r[6]), (String) r[7]))
                .toList();
    }

    /**
     * The answered polls of {@code [from, to]} in the backtester's trace format
     * ({@code timestamp,used_memory,connected_clients}, oldest first).
     */
    public static String csv(UUID id, Instant from, Instant to) {
        StringBuilder csv = new StringBuilder("timestamp,used_memory,connected_clients\n");
        StoredSample.<StoredSample>find("instanceId = ?1 and status = ?2 and at >= ?3 and at <= ?4 order by at", id,
                        MetricSample.Status.ok.name(), from, to)
                .list().forEach(s -> csv.append(s.at.getEpochSecond()).append(',').append(s.usedMemory).append(',')
                        .append(s.connectedClients).append('\n'));
        return csv.toString();
    }
}
