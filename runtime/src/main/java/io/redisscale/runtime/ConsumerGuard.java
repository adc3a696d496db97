package io.redisscale.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * How every consumer handles one record. A <b>transient</b> failure (the database down or restarting,
 * a lock or statement timeout, a serialization failure, a broker timeout) is retried with backoff for as
 * long as it lasts: the channel takes no further record meanwhile, nothing is committed past this one,
 * and readiness is DOWN ({@link ConsumerHealth}) until it goes through. Anything else is a <b>poison</b>
 * record (unparsable, invalid): it is thrown, and SmallRye sends it to the service's dead-letter topic
 * with the reason, source topic, partition and offset in its headers; it is counted
 * ({@code autoscaler_dead_letters_total}, by channel) and the operators are alerted once per episode
 * (dead letters on a channel with no quiet hour between them).
 *
 * <p>While the service stops, a failure proves nothing about the record (the database pool or the
 * EntityManagerFactory is being closed under it): the record is held, never dead-lettered, and since
 * nothing past it is committed it is read again on the next start.
 */
@ApplicationScoped
public class ConsumerGuard {
    private static final Logger LOG = Logger.getLogger(ConsumerGuard.class);
    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    /** PostgreSQL SQLSTATE classes and codes that pass: connection, resources, operator intervention, lock, serialization. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "53", "57", "40");
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "55006");

    /** Dead letters on a channel this long after its last one start a new episode, with a new alert. */
    static final Duration EPISODE_QUIET = Duration.ofHours(1);

    private final Clock clock;
    private final MeterRegistry meters;
    private final DeadLetterAlerts alerts;
    private final DeadLetterTopic deadLetterTopic;
    private final io.redisscale.runtime.tracing.Traces traces;
    private final Map<String, Stalled> stalled = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastDeadLetter = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Thrown instead of a poison failure while the service stops: no dead letter, no ack. */
    static final class Stopping extends RuntimeException {
        Stopping(Throwable cause) {
            super("the service is stopping", cause);
        }
    }

    /** A channel waiting for a dependency: since when, and why. */
    public record Stalled(Instant since, String cause, int attempts) {}

    public ConsumerGuard(Clock clock, MeterRegistry meters, DeadLetterAlerts alerts, DeadLetterTopic deadLetterTopic,
                         io.redisscale.runtime.tracing.Traces traces) {
        this.deadLetterTopic = deadLetterTopic;
        this.traces = traces;
        this.clock = clock;
        this.meters = meters;
        this.alerts = alerts;
    }

    /** From now on failures are the shutdown's, not the records'. */
    void stopping(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(1) io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Runs {@code work} for {@code record} of {@code channel} until it succeeds or proves poison. */
    public void record(String channel, ConsumerRecord<?, ?> record, Runnable work) {
        try (io.redisscale.runtime.tracing.Traces.Active span = traces.consume(record)) {
            Optional<RuntimeException> newer = newerVersion(record);
            RuntimeException poison = newer.isPresent() ? newer.get() : poisonOf(channel, where(record), work);
            if (poison != null) {
                span.failed(poison);
                deadLetter(channel, record, poison);
                // To the dead-letter topic (SmallRye's strategy); a newer version's, to replay once this service is upgraded.
                throw poison;
            }
        }
    }

    /**
     * Runs {@code all} for a batch (one transaction for all its records), retrying transient failures as
     * {@link #record} does. When the batch holds a poison record, each record is run on its own through
     * {@code one}: the poison ones go to the dead-letter topic ({@link DeadLetterTopic}), the rest are
     * handled, in order.
     */
    public <R extends ConsumerRecord<?, ?>> void batch(String channel, List<R> batch, Consumer<List<R>> all, Consumer<R> one) {
        List<R> records = new java.util.ArrayList<>(batch.size());
        for (R record : batch) {
            Optional<RuntimeException> newer = newerVersion(record);
            if (newer.isPresent()) {
                setAside(channel, record, newer.get());
            } else {
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        RuntimeException poisoned;
        try (io.redisscale.runtime.tracing.Traces.Active ignored = traces.consumeAll(records)) { // one span a record
            poisoned = poisonOf(channel, where(records.get(0)) + " (batch of " + records.size() + ")", () -> all.accept(records));
        }
        if (poisoned == null) {
            return;
        }
        LOG.warnf("%s: a batch of %d holds a poison record (%s); handling them one by one", channel, records.size(),
                rootMessage(poisoned));
        for (R record : records) {
            try (io.redisscale.runtime.tracing.Traces.Active span = traces.consume(record)) {
                RuntimeException poison = poisonOf(channel, where(record), () -> one.accept(record));
                if (poison != null) {
                    span.failed(poison);
                    setAside(channel, record, poison);
                }
            }
        }
    }

    /** Sends a record of a batch to the dead-letter topic itself (the broker down meanwhile is waited out), counted and alerted. */
    private void setAside(String channel, ConsumerRecord<?, ?> record, RuntimeException why) {
        untilDone(channel, where(record) + " (to the dead-letter topic)", () -> deadLetterTopic.send(record, why));
        deadLetter(channel, record, why);
    }

    /**
     * Runs {@code work} until it succeeds ({@code null}) or proves poison (that failure). The service
     * stopping is neither: it goes on up, and the record stays uncommitted.
     */
    private RuntimeException poisonOf(String channel, String where, Runnable work) {
        try {
            untilDone(channel, where, work);
            return null;
        } catch (Stopping stop) {
            throw stop;
        } catch (RuntimeException poison) {
            return poison;
        }
    }

    /**
     * Runs {@code work} until it succeeds, waiting out transient failures; throws a poison failure. A stall
     * is the waiting consumer's (this thread's): on a channel with several consumers or workers, another
     * one succeeding meanwhile does not clear it.
     */
    private void untilDone(String channel, String where, Runnable work) {
        String consumer = channel + " (" + Thread.currentThread().getName() + ")";
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                if (stalled.remove(consumer) != null) {
                    LOG.infof("%s: going again after a transient failure (%s)", consumer, where);
                }
                return;
            } catch (Stopping stop) {
                throw stop;
            } catch (RuntimeException failure) {
                if (stopping) {
                    holdWhileStopping(channel, where, failure);
                }
                if (!isTransient(failure)) {
                    stalled.remove(consumer);
                    throw failure;
                }
                Instant since = attempt == 1 ? clock.instant() : stalled.getOrDefault(consumer, new Stalled(clock.instant(), "", 0)).since();
                stalled.put(consumer, new Stalled(since, rootKind(failure), attempt));
                LOG.warnf("%s: transient failure on %s (attempt %d, again in %d ms): %s", consumer, where, attempt,
                        wait.toMillis(), rootMessage(failure));
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /**
     * A record whose {@code schema-version} header is newer than the one this release reads for its topic
     * (docs/events.md, Versions): not poison, and not to be misread either. It is set aside, with an alert,
     * on the dead-letter topic, from which it is replayed once this service is upgraded.
     */
    static Optional<RuntimeException> newerVersion(ConsumerRecord<?, ?> record) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(io.redisscale.events.Topics.SCHEMA_VERSION_HEADER);
        if (header == null) {
            return Optional.empty();
        }
        Optional<Integer> known = io.redisscale.events.Topics.EVENTS.stream().filter(e -> record.topic().endsWith(e.topic()))
                .map(io.redisscale.events.Topics.Event::version).findFirst();
        String text = new String(header.value(), java.nio.charset.StandardCharsets.UTF_8).trim();
        int version;
        try {
            version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Optional.of(new IllegalStateException("schema-version header '" + text + "' is not a number"));
        }
        if (known.isPresent() && version > known.get()) {
            return Optional.of(new IllegalStateException("schema version " + version + " of " + record.topic()
                    + " is newer than this release reads (" + known.get() + "): set aside; replay it after upgrading this service"));
        }
        return Optional.empty();
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private void deadLetter(String channel, ConsumerRecord<?, ?> record, RuntimeException failure) {
        Counter counter = deadLettered.computeIfAbsent(channel, c -> Counter.builder("autoscaler.dead.letters")
                .description("records sent to the dead-letter topic").tag("channel", c).register(meters));
        counter.increment();
        LOG.errorf("%s: %s-%d@%d goes to the dead-letter topic (%d from this channel since start): %s", channel,
                record.topic(), record.partition(), record.offset(), (long) counter.count(), rootMessage(failure));
        Instant now = clock.instant();
        Instant last = lastDeadLetter.put(channel, now);
        if (last == null || !last.plus(EPISODE_QUIET).isAfter(now)) {
            alerts.raise(channel, record, firstLine(rootMessage(failure)), now);
        }
    }

    /** Records each channel sent to the dead-letter topic since start. */
    public Map<String, Long> deadLettered() {
        Map<String, Long> out = new java.util.TreeMap<>();
        deadLettered.forEach((channel, n) -> out.put(channel, (long) n.count()));
        return out;
    }

    /** A reason short enough for an alert; the whole one is in the dead letter's headers. */
    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The consumers waiting for a dependency now, by channel and consumer thread: {@code metrics-in (worker-2)}. */
    public Map<String, Stalled> stalled() {
        return Map.copyOf(stalled);
    }

    /** A failure that goes away when the dependency is back: worth waiting for, never a dead letter. */
    public static boolean isTransient(Throwable failure) {
        // A commit the database cut short (it stopped mid-transaction) comes as a RollbackException whose
        // causes name nothing; the transaction manager attaches the resource's failure as suppressed.
        return isTransient(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isTransient(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (isTransient(suppressed, seen)) {
                    return true;
                }
            }
            if (t instanceof javax.transaction.xa.XAException xa && xa.errorCode == javax.transaction.xa.XAException.XAER_RMFAIL) {
                return true; // the resource manager (the database) is unavailable
            }
            if (t instanceof NotArrivedYet || t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof RetriableException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || state.length() >= 2 && TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            // The pool could not hand out a connection: the database is unreachable.
            if (t instanceof SQLException && String.valueOf(t.getMessage()).contains("Acquisition timeout")) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().equals("org.hibernate.exception.LockAcquisitionException")
                    || t.getClass().getName().equals("jakarta.persistence.LockTimeoutException")
                    || t.getClass().getName().equals("jakarta.persistence.QueryTimeoutException")
                    || t.getClass().getName().equals("jakarta.persistence.PessimisticLockException")
                    // Another writer changed a row between its read and its write: read anew, it passes.
                    || t.getClass().getName().equals("jakarta.persistence.OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }

    /** The root cause's class and SQLState: what health shows, never a message that may name hosts. */
    private static String rootKind(Throwable failure) {
        Throwable root = failure;
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (state == null ? "" : " (SQLState " + state + ")");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Holds the record until the process ends (or the thread is interrupted): throwing now would let
     * SmallRye's failure strategy dead-letter a good record; holding leaves it uncommitted.
     */
    private static void holdWhileStopping(String channel, String where, RuntimeException failure) {
        LOG.infof("%s: the service is stopping (%s); %s is not committed and is read again on the next start", channel,
                rootKind(failure), where);
        while (true) {
            pause(LONGEST_WAIT);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Interrupted only when the service stops: never a reason to dead-letter the record.
            throw new Stopping(e);
        }
    }
}
