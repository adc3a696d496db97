package io.redisscale.runtime;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows in id order and deletes each batch only after Kafka acknowledged
 * every record of it. A crash between the two re-sends the batch: delivery is at least once, and
 * every consumer deduplicates by its event or command id. A row the broker refuses for good (too large,
 * an invalid topic) is moved to {@code outbox_quarantine} with the reason, so it stops no other row;
 * any other failure leaves the batch for the next try.
 */
@ApplicationScoped
public class OutboxRelay {
    public static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final AgroalDataSource dataSource;
    private final Emitter<Record<String, String>> emitter;
    /** Rows keep the system's topic names; the broker's carry KAFKA_PREFIX. */
    private final KafkaNames names;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean pending = new AtomicBoolean();
    /**
     * Sends not yet answered, by row id. A row whose send outlived the relay's wait is not sent again
     * while that send may still succeed (the producer retries it): it would be published twice.
     */
    private final java.util.Map<Long, CompletableFuture<Void>> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    public OutboxRelay(AgroalDataSource dataSource, @Channel(CHANNEL) Emitter<Record<String, String>> emitter, KafkaNames names) {
        this.dataSource = dataSource;
        this.names = names;
        this.emitter = emitter;
    }

    /** Sweeps rows that no commit woke the relay for (a failed send, a restart). */
    @Scheduled(every = "${outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotStarted.class)
    void sweep() {
        wake();
    }

    /** Drains the outbox on the relay's own thread; calls made while a drain is queued are merged. */
    public void wake() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::relayBatch) == BATCH) {
                // a full batch: more may be waiting
            }
        } catch (Exception e) {
            LOG.warnf("outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }

    /** Skips sweeps until the application, and so the emitter's channel, has started. */
    @Singleton
    public static class NotStarted implements Scheduled.SkipPredicate {
        private volatile boolean started;

        void onStart(@Observes StartupEvent event) {
            started = true;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !started;
        }
    }

    /**
     * Publishes one batch in its transaction; returns how many rows it settled. Several replicas of a
     * service share the outbox table: one relays at a time (an advisory lock), and only rows below the
     * commit barrier, so events leave in the order they were committed.
     */
    public int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!advisoryLock(c, "pg_try_advisory_xact_lock", RELAY_LOCK)) {
                return 0; // another replica relays now
            }
            long upTo = QuarkusTransaction.requiringNew().call(this::committedUpTo);
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, topic, msg_key, payload, trace_parent FROM outbox WHERE id <= ? ORDER BY id LIMIT " + BATCH + " FOR UPDATE")) {
                ps.setLong(1, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String topic = rs.getString(2);
                        String key = rs.getString(3);
                        String payload = rs.getString(4);
                        String traceParent = rs.getString(5);
                        ids.add(id);
                        acks.add(inFlight.computeIfAbsent(id, i -> send(topic, key, payload, traceParent)
                                .whenComplete((ok, failed) -> {
                                    if (failed != null) {
                                        inFlight.remove(i); // failed for sure: the next try sends it again
                                    }
                                })));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException somethingFailed) {
                return settle(c, ids, acks);
            }
            delete(c, ids);
            return ids.size();
        }
    }

    /** Held by the one relay at work, for its batch; per schema (the second key), so per service. */
    public static final int RELAY_LOCK = 0x6f726c79; // "orly"

    /**
     * The commit barrier: waits (an instant) until every transaction that wrote outbox rows so far has
     * ended; rows up to the highest id now are all committed, and later ones get higher ids.
     */
    private long committedUpTo() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            advisoryLock(c, "pg_advisory_xact_lock", Outbox.WRITERS_LOCK);
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM outbox");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean advisoryLock(Connection c, String function, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, hashtext(current_schema()))")) {
            ps.setInt(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !"pg_try_advisory_xact_lock".equals(function) || rs.getBoolean(1);
            }
        }
    }

    /**
     * Some sends failed: rows refused for good go to quarantine, acknowledged ones are deleted, and the
     * first that failed for a passing reason stops the batch there (it is tried again, in order).
     */
    private int settle(Connection c, List<Long> ids, List<CompletableFuture<Void>> acks) throws Exception {
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            CompletableFuture<Void> ack = acks.get(i);
            try {
                ack.get(30, TimeUnit.SECONDS);
                done.add(ids.get(i));
            } catch (ExecutionException e) {
                if (!refusedForGood(e.getCause())) {
                    break;
                }
                quarantine(c, ids.get(i), e.getCause());
            }
        }
        delete(c, done);
        if (done.size() + quarantined(c, ids) < ids.size()) {
            LOG.warnf("outbox relay paused, the broker did not acknowledge every row; the rest is tried again");
            return 0; // what was settled is committed; the sweep takes up the rest
        }
        return ids.size();
    }

    /** Failures no retry can cure: the record itself is what the broker refuses. */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.InvalidTopicException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.errors.SerializationException) {
                return true;
            }
        }
        return false;
    }

    private void quarantine(Connection c, long id, Throwable why) throws SQLException {
        String reason = why.getClass().getSimpleName() + ": " + why.getMessage();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_quarantine (id, topic, msg_key, payload, "
                + "created_at, reason, trace_parent) SELECT id, topic, msg_key, payload, created_at, ?, trace_parent FROM outbox WHERE id = ? "
                + "ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, reason);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        delete(c, List.of(id));
        LOG.errorf("outbox row %d quarantined, the broker refuses it for good: %s", id, reason);
    }

    private static int quarantined(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_quarantine WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The schema version of the event (docs/events.md, "Versions"), none on a topic of no known event; the trace the
     * event belongs to ({@link io.redisscale.runtime.tracing.Traces}), if it was written in one.
     */
    private static org.apache.kafka.common.header.internals.RecordHeaders headers(String topic, String traceParent) {
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        io.redisscale.events.Topics.schemaVersion(topic).ifPresent(v -> headers.add(io.redisscale.events.Topics.SCHEMA_VERSION_HEADER,
                String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (traceParent != null) {
            headers.add(io.redisscale.runtime.tracing.Traces.HEADER, traceParent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }

    private CompletableFuture<Void> send(String topic, String key, String payload, String traceParent) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withTopic(names.topic(topic)).withKey(key)
                .withHeaders(headers(topic, traceParent)).build());
        emitter.send(Message.of(Record.of(key, payload), metadata,
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private void delete(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
        ids.forEach(inFlight::remove);
    }
}
