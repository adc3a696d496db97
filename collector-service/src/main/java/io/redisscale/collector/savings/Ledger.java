package io.redisscale.collector.savings;

import io.redisscale.runtime.SqlValues;
import io.redisscale.collector.registry.InstanceEntity;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The savings ledger's rows: each instance's plan history (written whenever its recorded plan moves) and
 * its daily peaks, folded from the samples before the retention purge drops them. Runs in the caller's
 * transaction.
 */
public final class Ledger {
    /** Samples are committed a little after the time they carry: each fold reads this far back again. */
    static final Duration LATE_COMMIT = Duration.ofMinutes(5);

    private Ledger() {}

    private static EntityManager em() {
        return InstanceEntity.getEntityManager();
    }

    /**
     * Records that the instance is on {@code plan} with these thresholds from {@code at}, unless that is already
     * its latest entry (a threshold change alone is an entry too: charts draw thresholds as they were).
     */
    public static void planFrom(UUID instanceId, String plan, int memoryThresholdPercent, int connectionThresholdPercent, Instant at) {
        em().createNativeQuery("INSERT INTO plan_history (instance_id, plan, price_month_usd, from_at, memory_threshold_percent, "
                + "connection_threshold_percent) SELECT ?1, p.name, p.price_month_usd, ?3, ?4, ?5 FROM plan p WHERE p.name = ?2 "
                + "AND NOT EXISTS (SELECT 1 FROM (SELECT h.plan, h.memory_threshold_percent AS m, h.connection_threshold_percent AS c "
                + "FROM plan_history h WHERE h.instance_id = ?1 ORDER BY h.from_at DESC, h.id DESC LIMIT 1) latest "
                + "WHERE latest.plan = p.name AND latest.m IS NOT DISTINCT FROM ?4 AND latest.c IS NOT DISTINCT FROM ?5)")
                .setParameter(1, instanceId).setParameter(2, plan).setParameter(3, at).setParameter(4, memoryThresholdPercent)
                .setParameter(5, connectionThresholdPercent).executeUpdate();
    }

    /**
     * Folds the samples taken since the last fold into each instance's daily peaks. Idempotent (peaks only
     * grow), and serialised across replicas by the watermark row's lock.
     */
    static void fold(Instant now) {
        Instant upTo = SqlValues.instant(em().createNativeQuery("SELECT up_to FROM usage_rollup WHERE id = 1 FOR UPDATE").getSingleResult());
        foldBetween(upTo.minus(LATE_COMMIT), now);
        em().createNativeQuery("UPDATE usage_rollup SET up_to = ?1 WHERE id = 1").setParameter(1, now).executeUpdate();
    }

    /** Samples taken before this time are in the daily peaks for good (no later fold reads them again). */
    public static Instant foldedBefore() {
        return SqlValues.instant(em().createNativeQuery("SELECT up_to FROM usage_rollup WHERE id = 1").getSingleResult()).minus(LATE_COMMIT);
    }

    /**
     * Deletes every sample taken before {@code cutoff}, its day's peaks folded into the ledger first, in one
     * pass over the samples (a data-modifying CTE: the rows deleted are the rows folded). Returns how many.
     */
    public static long purgeBefore(Instant cutoff) {
        // Packed hours wholly before the cutoff go too: their samples were folded before they were packed.
        long blocks = ((Number) em().createNativeQuery("WITH gone AS (DELETE FROM sample_block WHERE hour + interval '1 hour' <= ?1 "
                + "RETURNING cardinality(at_us) AS samples) SELECT coalesce(sum(samples), 0) FROM gone")
                .setParameter(1, cutoff).getSingleResult()).longValue();
        return blocks + ((Number) em().createNativeQuery("WITH gone AS (DELETE FROM sample_recent WHERE at < ?1 "
                + "RETURNING instance_id, at, used_memory, connected_clients, status), "
                + "folded AS (" + foldOf("gone") + ") SELECT count(*) FROM gone")
                .setParameter(1, cutoff).getSingleResult()).longValue();
    }

    /**
     * Deletes the ledger's rows from before {@code cutoff}: daily peaks of earlier days, and plan history entries
     * a later entry replaced before the cutoff (the entry in force at the cutoff stays: it prices what follows).
     * Returns how many rows went.
     */
    public static long purgeLedgerBefore(Instant cutoff) {
        int days = em().createNativeQuery("DELETE FROM usage_day WHERE day < (?1 AT TIME ZONE 'UTC')::date")
                .setParameter(1, cutoff).executeUpdate();
        int plans = em().createNativeQuery("DELETE FROM plan_history h WHERE h.from_at < ?1 AND EXISTS (SELECT 1 FROM plan_history n "
                + "WHERE n.instance_id = h.instance_id AND (n.from_at, n.id) > (h.from_at, h.id) AND n.from_at <= ?1)")
                .setParameter(1, cutoff).executeUpdate();
        return (long) days + plans;
    }

    /** A statement folding the answered samples of {@code relation} (a table, a CTE or a subquery with their columns) into the daily peaks. */
    public static String foldOf(String relation) {
        return FOLD + "FROM " + relation + " WHERE " + FOLD_OK + FOLD_GROUPS;
    }

    /** The daily peaks of samples (their source and filter follow), merged into usage_day. */
    private static final String FOLD = "INSERT INTO usage_day (instance_id, day, peak_memory, peak_connections) "
            + "SELECT instance_id, (at AT TIME ZONE 'UTC')::date, max(used_memory), max(connected_clients) ";
    private static final String FOLD_OK = "status = 'ok' ";
    private static final String FOLD_GROUPS = "GROUP BY 1, 2 "
            + "ON CONFLICT (instance_id, day) DO UPDATE SET peak_memory = GREATEST(usage_day.peak_memory, EXCLUDED.peak_memory), "
            + "peak_connections = GREATEST(usage_day.peak_connections, EXCLUDED.peak_connections)";

    private static void foldBetween(Instant from, Instant to) {
        // Not packed yet: the packer takes only what is folded (SamplePacker).
        em().createNativeQuery(foldOf("(SELECT * FROM sample_recent WHERE at >= ?1 AND at < ?2) recent"))
                .setParameter(1, from).setParameter(2, to).executeUpdate();
    }

    /** Each instance's plan history, oldest first. */
    @SuppressWarnings("unchecked")
    public static Map<UUID, List<Savings.PlanSince>> history(List<UUID> ids) {
        Map<UUID, List<Savings.PlanSince>> out = new HashMap<>();
        List<Object[]> rows = em().createNativeQuery("SELECT instance_id, plan, price_month_usd, from_at, memory_threshold_percent, "
                + "connection_threshold_percent FROM plan_history "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) ORDER BY instance_id, from_at, id")
                .setParameter(1, ids.toArray(UUID[]::new)).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((UUID) r[0], id -> new ArrayList<>())
                    .add(new Savings.PlanSince((String) r[1], ((Number) r[2]).doubleValue(), SqlValues.instant(r[3]),
                            r[4] == null ? null : ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).intValue()));
        }
        return out;
    }

    /**
     * Each instance's daily peaks from {@code from} to {@code to}, both days included: the folded ledger, and the
     * samples since its last fold ({@link LedgerFolder}, a minute at most) read as they are. A read takes no
     * lock and writes nothing.
     */
    @SuppressWarnings("unchecked")
    static Map<UUID, List<Savings.DayPeak>> peaks(List<UUID> ids, LocalDate from, LocalDate to) {
        Map<UUID, List<Savings.DayPeak>> out = new HashMap<>();
        List<Object[]> rows = em().createNativeQuery("SELECT instance_id, day, max(peak_memory), max(peak_connections) FROM ("
                + "SELECT instance_id, day, peak_memory, peak_connections FROM usage_day "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) AND day >= ?2 AND day <= ?3 UNION ALL "
                + "SELECT instance_id, (at AT TIME ZONE 'UTC')::date, max(used_memory), max(connected_clients) FROM sample_recent "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) AND " + FOLD_OK
                + "AND at >= (SELECT up_to FROM usage_rollup WHERE id = 1) - make_interval(secs => ?4) "
                + "AND (at AT TIME ZONE 'UTC')::date BETWEEN ?2 AND ?3 GROUP BY 1, 2) peaks GROUP BY 1, 2")
                .setParameter(1, ids.toArray(UUID[]::new)).setParameter(2, from).setParameter(3, to)
                .setParameter(4, (double) LATE_COMMIT.toSeconds()).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(new Savings.DayPeak(localDate(r[1]),
                    ((Number) r[2]).longValue(), ((Number) r[3]).intValue()));
        }
        return out;
    }

    private static LocalDate localDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
