package io.redisscale.runtime;

import io.agroal.api.AgroalDataSource;
import io.redisscale.events.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes an event in the caller's transaction; {@link OutboxRelay} publishes it once committed. A row
 * and its event thus stand or fall together.
 */
@ApplicationScoped
public class Outbox {
    private static final Object WAKE_REGISTERED = new Object();
    private static final Object WRITER_LOCK_HELD = new Object();
    /**
     * Advisory lock every writer holds shared until its commit; the relay's barrier takes it exclusively
     * for an instant, so the rows it sees then are every row committed so far (id order = commit order).
     */
    static final int WRITERS_LOCK = 0x6f757462; // "outb"; with the schema's hash as second key, so services sharing a database do not wait on each other
    /**
     * The largest event queued: under the producer's default {@code max.request.size} (1 MiB), with room for
     * the key and headers. A larger one is refused at once, in the caller's transaction, rather than
     * committed and then quarantined by the relay, never reaching its readers.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /** An event too large for the broker: the caller's transaction must not commit (the API answers 413). */
    public static final class TooLarge extends IllegalArgumentException {
        public TooLarge(String topic, int bytes) {
            super("the " + topic + " event would be " + bytes + " bytes, over the " + MAX_EVENT_BYTES + " a record may carry");
        }
    }

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final io.redisscale.runtime.tracing.Traces traces;

    public Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
                  io.redisscale.runtime.tracing.Traces traces) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.traces = traces;
    }

    /** Queues {@code event} (serialised as JSON) for {@code topic} under {@code key}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, Object event) {
        String payload = event == null ? null : Events.write(event);
        // A char is at most 3 UTF-8 bytes: only a payload near the limit is measured exactly.
        if (payload != null && payload.length() * 3L > MAX_EVENT_BYTES) {
            int bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_EVENT_BYTES) {
                throw new TooLarge(topic, bytes);
            }
        }
        insert(topic, key, payload);
    }

    /** Queues a tombstone: the key's deletion on a compacted topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tombstone(String topic, String key) {
        insert(topic, key, null);
    }

    /** Once per transaction, however many rows it adds: publish as soon as they are visible. */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }

    private void insert(String topic, String key, String payload) {
        // The pooled connection is enlisted in the caller's JTA transaction.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (topic, msg_key, payload, trace_parent) VALUES (?, ?, ?, ?)")) {
            if (transactions.getResource(WRITER_LOCK_HELD) == null) {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?, hashtext(current_schema()))")) {
                    lock.setInt(1, WRITERS_LOCK);
                    lock.execute();
                }
                transactions.putResource(WRITER_LOCK_HELD, Boolean.TRUE);
            }
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setString(3, payload);
            ps.setString(4, traces.publish(topic, key)); // the trace goes on with the event (Traces)
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write outbox row for " + topic, e);
        }
        wakeRelayAfterCommit();
    }
}
