package io.redisscale.decision.state;

import io.redisscale.runtime.SqlValues;
import io.quarkus.scheduler.Scheduled;
import io.redisscale.decision.DecisionConfig;
import io.redisscale.decision.policy.DailyProfile;
import io.redisscale.decision.policy.InstanceLoop;
import io.redisscale.decision.policy.RiseCalendar;
import io.redisscale.events.MetricSample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The samples judged in the last day, in this service's schema: what a restarted or newly assigned replica
 * rebuilds its windows and daily profiles from. Each sample is a row of {@code window_sample} while a window
 * can reach it (within the window's reach of its instance's newest sample); then {@link #pack} keeps only what
 * the daily profile reads of it (an answered poll's time, memory and connections) in {@code profile_block}, a
 * row per instance and hour, until the profile no longer looks back that far ({@link #RETENTION}).
 */
@ApplicationScoped
public class SampleStore {
    public static final Duration RETENTION = Duration.ofHours(25);

    /**
     * What a rebuild reads of an instance: the packed answered polls (oldest first), then its window's samples, and
     * its kept rise calendar (null: none kept yet).
     */
    public record Stored(List<DailyProfile.Point> packed, List<MetricSample> recent, RiseCalendar.Snapshot calendar) {}

    private static final String SAVE_CALENDAR = """
            INSERT INTO rise_calendar (instance_id, memory_rise, connection_rise, memory_reach, connection_reach, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (instance_id) DO UPDATE SET memory_rise = excluded.memory_rise, connection_rise = excluded.connection_rise,
                memory_reach = excluded.memory_reach, connection_reach = excluded.connection_reach, updated_at = excluded.updated_at""";

    private static final String PACK = """
            WITH gone AS (
                DELETE FROM window_sample r WHERE r.at < ?1
                AND r.at < (SELECT max(n.at) FROM window_sample n WHERE n.instance_id = r.instance_id) - make_interval(secs => ?2)
                RETURNING r.instance_id, r.at, r.status, r.used_memory, r.connected_clients)
            INSERT INTO profile_block (instance_id, hour, at_us, used_memory, connected_clients)
            SELECT instance_id, date_trunc('hour', at, 'UTC') AS hour,
                   array_agg((extract(epoch FROM at - date_trunc('hour', at, 'UTC')) * 1000000)::bigint ORDER BY at),
                   array_agg(used_memory ORDER BY at), array_agg(connected_clients ORDER BY at)
            FROM gone WHERE status = 'ok' AND at >= ?3 GROUP BY 1, 2""";

    private final EntityManager em;
    private final Clock clock;
    private final Duration windowKeep;
    private final Windows windows;

    SampleStore(EntityManager em, Clock clock, DecisionConfig config, Windows windows) {
        this.em = em;
        this.clock = clock;
        this.windows = windows;
        this.windowKeep = InstanceLoop.windowKeep(config.policy());
    }

    /** Stores a batch's samples in one JDBC batch (a repeated one is kept once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(List<MetricSample> batch) {
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO window_sample (instance_id, at, event_id, status, error_class, "
                    + "used_memory, connected_clients, plan, plan_memory, plan_max_connections, maxmemory, maxclients, evicted_keys, "
                    + "rejected_connections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (MetricSample s : batch) {
                    ps.setObject(1, s.instanceId());
                    ps.setObject(2, java.time.OffsetDateTime.ofInstant(s.at(), java.time.ZoneOffset.UTC));
                    ps.setObject(3, s.eventId());
                    ps.setString(4, s.status().name());
                    ps.setString(5, s.errorClass());
                    ps.setObject(6, s.usedMemoryBytes(), Types.BIGINT);
                    ps.setObject(7, s.connectedClients(), Types.INTEGER);
                    ps.setString(8, s.plan());
                    ps.setLong(9, s.planMemoryBytes());
                    ps.setInt(10, s.planMaxConnections());
                    ps.setObject(11, s.maxmemoryBytes(), Types.BIGINT);
                    ps.setObject(12, s.maxclients(), Types.INTEGER);
                    ps.setObject(13, s.evictedKeys(), Types.BIGINT);
                    ps.setObject(14, s.rejectedConnections(), Types.BIGINT);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The stored samples of several instances since {@code from}, oldest first per instance: two queries for a batch. */
    @SuppressWarnings("unchecked")
    public Map<UUID, Stored> since(Collection<UUID> ids, Instant from) {
        Map<UUID, Stored> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        UUID[] wanted = ids.toArray(UUID[]::new);
        Map<UUID, RiseCalendar.Snapshot> calendars = calendars(wanted);
        List<Object[]> packed = em.createNativeQuery("SELECT b.instance_id, b.hour + u.at_us * interval '1 microsecond' AS at, "
                        + "u.used_memory, u.connected_clients FROM profile_block b CROSS JOIN LATERAL "
                        + "unnest(b.at_us, b.used_memory, b.connected_clients) AS u (at_us, used_memory, connected_clients) "
                        + "WHERE b.instance_id = ANY(cast(?1 as uuid[])) AND b.hour > cast(?2 as timestamptz) - interval '1 hour' "
                        + "AND b.hour + u.at_us * interval '1 microsecond' >= ?2 ORDER BY 1, 2")
                .setParameter(1, wanted).setParameter(2, from).getResultList();
        for (Object[] r : packed) {
            stored(out, (UUID) r[0]).packed().add(new DailyProfile.Point(SqlValues.instant(r[1]), ((Number) r[2]).longValue(),
                    ((Number) r[3]).intValue()));
        }
        List<Object[]> recent = em.createNativeQuery("SELECT event_id, instance_id, at, status, error_class, used_memory, "
                        + "connected_clients, plan, plan_memory, plan_max_connections, maxmemory, maxclients, evicted_keys, "
                        + "rejected_connections FROM window_sample WHERE instance_id = ANY(cast(?1 as uuid[])) AND at >= ?2 "
                        + "ORDER BY instance_id, at")
                .setParameter(1, wanted).setParameter(2, from).getResultList();
        for (Object[] r : recent) {
            stored(out, (UUID) r[1]).recent().add(new MetricSample((UUID) r[0], (UUID) r[1], SqlValues.instant(r[2]),
                    MetricSample.Status.valueOf((String) r[3]), (String) r[4], SqlValues.toLong(r[5]), SqlValues.toInt(r[6]), (String) r[7],
                    ((Number) r[8]).longValue(), ((Number) r[9]).intValue(), SqlValues.toLong(r[10]), SqlValues.toInt(r[11]), SqlValues.toLong(r[12]),
                    SqlValues.toLong(r[13])));
        }
        calendars.forEach((id, kept) -> out.merge(id, new Stored(List.of(), List.of(), kept),
                (held, only) -> new Stored(held.packed(), held.recent(), kept)));
        return out;
    }

    /** The kept rise calendars of these instances. */
    private Map<UUID, RiseCalendar.Snapshot> calendars(UUID[] wanted) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            Map<UUID, RiseCalendar.Snapshot> kept = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT instance_id, memory_rise, connection_rise, memory_reach, "
                    + "connection_reach FROM rise_calendar WHERE instance_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", wanted));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kept.put(rs.getObject(1, UUID.class), new RiseCalendar.Snapshot(
                                java.util.Arrays.stream((Long[]) rs.getArray(2).getArray()).mapToLong(Long::longValue).toArray(),
                                java.util.Arrays.stream((Integer[]) rs.getArray(3).getArray()).mapToInt(Integer::intValue).toArray(),
                                java.util.Arrays.stream((Double[]) rs.getArray(4).getArray()).mapToDouble(Double::doubleValue).toArray(),
                                java.util.Arrays.stream((Double[]) rs.getArray(5).getArray()).mapToDouble(Double::doubleValue).toArray()));
                    }
                }
            }
            return kept;
        });
    }

    /** Keeps the rise calendars that learnt something since they were last kept; returns how many. */
    @Transactional
    public int saveCalendars() {
        Map<UUID, RiseCalendar.Snapshot> changed = windows.changedCalendars();
        if (changed.isEmpty()) {
            return 0;
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(SAVE_CALENDAR)) {
                for (var e : changed.entrySet()) {
                    RiseCalendar.Snapshot k = e.getValue();
                    ps.setObject(1, e.getKey());
                    ps.setArray(2, c.createArrayOf("bigint", java.util.Arrays.stream(k.memoryRise()).boxed().toArray()));
                    ps.setArray(3, c.createArrayOf("integer", java.util.Arrays.stream(k.connectionRise()).boxed().toArray()));
                    ps.setArray(4, c.createArrayOf("float8", java.util.Arrays.stream(k.memoryReach()).boxed().toArray()));
                    ps.setArray(5, c.createArrayOf("float8", java.util.Arrays.stream(k.connectionReach()).boxed().toArray()));
                    ps.setObject(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        return changed.size();
    }

    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void scheduled() {
        pack();
        purge();
        saveCalendars();
    }

    /**
     * Moves the samples no window reaches any more (further than a window from their instance's newest, and in an
     * hour before the reach of every window now) into the hourly profile rows; returns how many of those it wrote.
     */
    @Transactional
    public long pack() {
        Instant now = clock.instant();
        return em.createNativeQuery(PACK).setParameter(1, now.minus(windowKeep).truncatedTo(ChronoUnit.HOURS))
                .setParameter(2, (double) windowKeep.toSeconds()).setParameter(3, now.minus(RETENTION)).executeUpdate();
    }

    /** Deletes what no rebuild reads any more: window rows and whole profile hours older than {@link #RETENTION}. */
    @Transactional
    public void purge() {
        Instant cutoff = clock.instant().minus(RETENTION);
        em.createNativeQuery("DELETE FROM window_sample WHERE at < ?1").setParameter(1, cutoff).executeUpdate();
        em.createNativeQuery("DELETE FROM profile_block WHERE hour + interval '1 hour' <= ?1").setParameter(1, cutoff).executeUpdate();
    }

    private static Stored stored(Map<UUID, Stored> out, UUID id) {
        return out.computeIfAbsent(id, k -> new Stored(new ArrayList<>(), new ArrayList<>(), null));
    }
}
