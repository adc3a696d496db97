package io.redisscale.collector.polling;

import io.redisscale.runtime.ErrorClass;
import io.redisscale.collector.heroku.HerokuUrls;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Starts each instance's poll when it is due, at its own metric rate. Polls run without blocking;
 * an instance is never polled again while its previous poll is still running.
 */
@ApplicationScoped
public class PollScheduler {
    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    private record Target(UUID id, String url, boolean allowSelfSigned) {}

    /** What polling needs of an instance's settings, as last read. */
    private record Known(UUID id, String name, String sealed, String herokuApp, String configVar, boolean tls, int rateSeconds) {}

    /** A sealed URL opened (or why it could not be). */
    private record Opened(String sealed, String url, String failure) {}

    private volatile Map<UUID, Known> known = Map.of();
    private volatile long knownVersion = -1;
    /** The instances this replica polls, as of {@link #knownVersion} and {@link #ownedGeneration}. */
    private List<UUID> owned = List.of();
    private Set<UUID> ownedSet = Set.of();
    private long ownedGeneration = -1;
    private final Map<UUID, Opened> opened = new ConcurrentHashMap<>();

    private final Instances instances;
    private final RedisInfoReader reader;
    private final SampleRecorder recorder;
    private final Clock clock;
    private final Map<UUID, Instant> nextDue = new ConcurrentHashMap<>();
    private final InFlightPolls inFlight;
    /** Polls finished and not stored yet. */
    private final java.util.concurrent.BlockingQueue<SampleRecorder.Result> finished = new java.util.concurrent.LinkedBlockingQueue<>();
    private final HerokuUrls herokuUrls;

    private final Ownership ownership;
    private final InstanceGauges gauges;
    private final FileLimit fileLimit;

    private final io.micrometer.core.instrument.Timer pollLatency;
    private final io.redisscale.runtime.tracing.Traces traces;

    PollScheduler(Instances instances, RedisInfoReader reader, SampleRecorder recorder, Clock clock, HerokuUrls herokuUrls,
                  Ownership ownership, InFlightPolls inFlight, io.micrometer.core.instrument.MeterRegistry meters,
                  InstanceGauges gauges, FileLimit fileLimit, io.redisscale.runtime.tracing.Traces traces) {
        this.traces = traces;
        this.inFlight = inFlight;
        this.fileLimit = fileLimit;
        this.gauges = gauges;
        this.pollLatency = io.micrometer.core.instrument.Timer.builder("autoscaler.poll.latency")
                .description("INFO request to reply (or failure)")
                // A histogram, so the fleet's percentiles come from every collector's buckets summed.
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofSeconds(30)).register(meters);
        this.herokuUrls = herokuUrls;
        this.ownership = ownership;
        this.instances = instances;
        this.reader = reader;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Scheduled(every = "${collector.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        boolean ownedChanged = refreshOwned();
        List<UUID> firstSeen = new java.util.ArrayList<>();
        for (UUID id : owned) {
            Instant due = nextDue.get(id);
            if (due == null) {
                firstSeen.add(id);
            } else if (!due.isAfter(now)) {
                start(id, due, now, false);
            }
        }
        if (!firstSeen.isEmpty()) {
            // New to this replica (registered, restarted, or handed over by another replica): due one period
            // after its last poll, whoever made it, so never twice in a period.
            Map<UUID, Instant> lastPolled = lastPolledAt(firstSeen);
            for (UUID id : firstSeen) {
                Instant last = lastPolled.get(id);
                Instant due = last == null ? now : last.plusSeconds(known.get(id).rateSeconds());
                if (!due.isAfter(now)) {
                    start(id, due, now, last == null);
                }
            }
        }
        if (ownedChanged) {
            for (UUID gone : Set.copyOf(nextDue.keySet())) {
                if (!ownedSet.contains(gone)) { // deleted, or now another replica's
                    nextDue.remove(gone);
                    herokuUrls.forget(gone);
                    reader.forget(gone);
                    gauges.forget(gone);
                }
            }
        }
    }

    /** Polls an instance that is due, unless its URL is not known now or its last poll still runs. */
    private void start(UUID id, Instant due, Instant now, boolean neverPolled) {
        Known k = known.get(id);
        String url = k.sealed() != null ? openedUrl(k) : herokuUrl(k);
        if (url == null || !inFlight.claim(id)) {
            return;
        }
        if (!ownership.owns(id)) { // handed over since this tick began: the new owner polls it
            inFlight.release(id);
            return;
        }
        nextDue.put(id, nextSlot(due, now, k.rateSeconds(), neverPolled ? phase(id, k.rateSeconds()) : 0));
        poll(new Target(id, url, k.tls()), now);
    }

    /** How late a tick may start a poll and keep the instance's slots: the tick's own period, at most. */
    static final java.time.Duration ON_TIME = java.time.Duration.ofSeconds(1);

    /**
     * The slot after a poll planned for {@code due} and started {@code now}. On time, the next slot is a
     * period after the planned one, so the rate does not drift; a poll started later than a tick after its
     * slot (an instance handed over overdue, a replica that paused) starts a new row of slots a period from
     * now, or the next slot would come less than a period after this poll. {@code phaseMillis} shifts a
     * first poll's successors so that polls do not bunch.
     */
    static Instant nextSlot(Instant due, Instant now, int rateSeconds, long phaseMillis) {
        Instant planned = due.plusSeconds(rateSeconds).plusMillis(phaseMillis);
        return now.isAfter(due.plus(ON_TIME)) ? now.plusSeconds(rateSeconds).plusMillis(phaseMillis) : planned;
    }

    /** A stable offset within a tenth of the instance's period, spread by its id. */
    public static long phase(UUID id, int rateSeconds) {
        return Math.floorMod(id.getLeastSignificantBits() ^ id.getMostSignificantBits(), rateSeconds * 100L);
    }

    /**
     * This replica's instances. The instances' settings are held in memory and re-read only when they
     * changed ({@link Instances#changes}); which of them this replica owns is worked out again only then
     * or after a rebalance ({@link Ownership#generation}), not on every tick. Returns whether it changed.
     */
    private boolean refreshOwned() {
        long version = Instances.changes();
        long generation = ownership.generation();
        if (version != knownVersion) {
            Map<UUID, Known> fresh = new java.util.LinkedHashMap<>();
            for (InstanceEntity e : InstanceEntity.<InstanceEntity>listAll()) {
                fresh.put(e.id, new Known(e.id, e.name, e.redisUrlSealed, e.herokuApp, e.configVar, e.tlsAllowSelfSigned,
                        e.metricRateSeconds));
            }
            known = fresh;
            knownVersion = version;
            opened.keySet().retainAll(fresh.keySet());
        } else if (generation == ownedGeneration) {
            return false;
        }
        owned = known.keySet().stream().filter(ownership::owns).toList();
        ownedSet = Set.copyOf(owned);
        ownedGeneration = generation;
        return true;
    }

    private static Map<UUID, Instant> lastPolledAt(List<UUID> ids) {
        Map<UUID, Instant> out = new java.util.HashMap<>();
        InstanceEntity.getEntityManager().createQuery("select e.id, e.lastPolledAt from InstanceEntity e where e.id in ?1",
                Object[].class).setParameter(1, ids).getResultList().forEach(r -> {
                    if (r[1] != null) {
                        out.put((UUID) r[0], (Instant) r[1]);
                    }
                });
        return out;
    }

    /**
     * A local instance's Redis URL, opened with this deployment's key (once per sealed value). One sealed
     * with another key (a second deployment on the same database) or corrupt is this instance's failed
     * poll when due, never an error that stops the round for every other instance.
     */
    private String openedUrl(Known k) {
        Opened o = opened.get(k.id());
        if (o == null || !o.sealed().equals(k.sealed())) {
            try {
                o = new Opened(k.sealed(), instances.openUrl(k.sealed()), null);
            } catch (IllegalStateException unreadable) {
                o = new Opened(k.sealed(), null, unreadable.getMessage());
            }
            opened.put(k.id(), o);
        }
        if (o.url() != null) {
            return o.url();
        }
        Instant now = clock.instant();
        if (claimDue(k.id(), now)) {
            try {
                failedBeforePoll(k, now, ErrorClass.SEALED_KEY, "cannot open the Redis URL: " + o.failure());
            } finally {
                inFlight.release(k.id());
            }
        }
        return null;
    }

    /** Due now and not being polled already: this replica takes it (in flight until released). */
    private boolean claimDue(UUID id, Instant now) {
        return !nextDue.getOrDefault(id, now).isAfter(now) && inFlight.claim(id);
    }

    /** A poll that failed before reaching the Redis (no URL to poll): logged and recorded, the next one a period on. */
    private void failedBeforePoll(Known k, Instant now, String errorClass, String why) {
        LOG.warnf("%s: %s", k.name(), why);
        nextDue.put(k.id(), now.plusSeconds(k.rateSeconds()));
        recorder.failed(k.id(), now, errorClass);
    }

    /** A Heroku instance's Redis URL ({@link HerokuUrls}); a failed read is recorded as a failed poll when due. */
    private String herokuUrl(Known k) {
        if (k.herokuApp() == null || k.configVar() == null) {
            return null;
        }
        String cached = herokuUrls.cached(k.id());
        if (cached != null) {
            return cached;
        }
        Instant now = clock.instant();
        if (!claimDue(k.id(), now)) {
            return null;
        }
        try {
            return herokuUrls.read(k.id(), k.herokuApp(), k.configVar());
        } catch (RuntimeException failure) {
            failedBeforePoll(k, now, "heroku_api", "cannot read the Redis URL: " + failure.getMessage());
            return null;
        } finally {
            inFlight.release(k.id());
        }
    }

    private void poll(Target t, Instant at) {
        long started = System.nanoTime(); // the poll's own duration, for the latency timer only
        // The trace of a scale-up begins here: the sample, the decision and the change all follow from this span.
        io.opentelemetry.api.trace.Span span = traces.begin("poll", Map.of("autoscaler.instance.id", t.id().toString()));
        reader.read(t.id(), t.url(), t.allowSelfSigned())
                .onTermination().invoke(() -> {
                    pollLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                    span.end();
                })
                .subscribe().with(
                        info -> {
                            herokuUrls.answered(t.id());
                            finished.add(new SampleRecorder.Result(t.id(), at, info, null, span));
                        },
                        failure -> {
                            String why = ErrorClass.of(failure);
                            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, why);
                            if (ErrorClass.FILE_LIMIT.equals(why)) { // ours, not the instance's: retried next period
                                fileLimit.skipped();
                                inFlight.release(t.id());
                                return;
                            }
                            herokuUrls.pollFailed(t.id(), at);
                            finished.add(new SampleRecorder.Result(t.id(), at, null, why, span));
                        });
    }

    /**
     * Stores the polls finished since the last flush, up to 500 per transaction; an instance is released
     * for its next poll only once its sample is stored (or could not be: the poll is then lost, as one
     * that failed, and the next one comes a period later).
     */
    @Scheduled(every = "${collector.flush:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        List<SampleRecorder.Result> batch = new java.util.ArrayList<>();
        while (finished.drainTo(batch, 500) > 0) {
            try {
                record(batch);
            } finally {
                batch.forEach(r -> inFlight.release(r.instanceId()));
                batch.clear();
            }
        }
    }

    /** A batch in one transaction; if one of its polls cannot be stored, the others are stored one by one. */
    private void record(List<SampleRecorder.Result> batch) {
        try {
            recorder.recordAll(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1 || io.redisscale.runtime.ConsumerGuard.isTransient(e)) {
                LOG.errorf("could not record %d polls: %s", batch.size(), e.getMessage());
                return;
            }
            batch.forEach(r -> record(List.of(r)));
        }
    }
}
