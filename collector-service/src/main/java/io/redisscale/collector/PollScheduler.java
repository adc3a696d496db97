package io.redisscale.collector;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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
class PollScheduler {
    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    private record Target(UUID id, String url, boolean allowSelfSigned, int rateSeconds, Instant lastPolledAt) {}

    /** This replica's instances, and those of them whose URL is known now. */
    private record Round(Set<UUID> owned, List<Target> targets) {}

    private final Instances instances;
    private final RedisInfoReader reader;
    private final SampleRecorder recorder;
    private final Clock clock;
    private final Map<UUID, Instant> nextDue = new ConcurrentHashMap<>();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> herokuUrls = new ConcurrentHashMap<>();
    /** Per instance whose polls fail: when its URL may be read again, and the wait after that. */
    private final Map<UUID, Instant> rereadNotBefore = new ConcurrentHashMap<>();
    private final Map<UUID, Duration> rereadBackoff = new ConcurrentHashMap<>();
    static final Duration FIRST_REREAD_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_REREAD_WAIT = Duration.ofMinutes(15);
    private final HerokuResolver heroku;

    private final Ownership ownership;

    PollScheduler(Instances instances, RedisInfoReader reader, SampleRecorder recorder, Clock clock, HerokuResolver heroku,
                  Ownership ownership) {
        this.heroku = heroku;
        this.ownership = ownership;
        this.instances = instances;
        this.reader = reader;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Scheduled(every = "${collector.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        Round round = round();
        Set<UUID> live = round.owned();
        for (Target t : round.targets()) {
            // An instance new to this replica (registered, restarted, or handed over by another replica)
            // is due one period after its last poll, whoever made it: never twice in a period.
            Instant due = nextDue.getOrDefault(t.id(),
                    t.lastPolledAt() == null ? now : t.lastPolledAt().plusSeconds(t.rateSeconds()));
            if (!due.isAfter(now) && inFlight.add(t.id())) {
                // Next slot from the planned time, not from now, so the rate does not drift; the first
                // poll is at once, the next ones shifted by a per-instance phase so polls do not bunch.
                Instant next = nextDue.containsKey(t.id()) || t.lastPolledAt() != null ? due.plusSeconds(t.rateSeconds())
                        : due.plusSeconds(t.rateSeconds()).plusMillis(phase(t));
                nextDue.put(t.id(), next.isAfter(now) ? next : now.plusSeconds(t.rateSeconds()));
                poll(t, now);
            }
        }
        for (UUID gone : Set.copyOf(nextDue.keySet())) {
            if (!live.contains(gone)) { // deleted, or now another replica's
                nextDue.remove(gone);
                herokuUrls.remove(gone);
                rereadNotBefore.remove(gone);
                rereadBackoff.remove(gone);
                reader.forget(gone);
            }
        }
    }

    /** A stable offset within a tenth of the instance's period, spread by its id. */
    static long phase(UUID id, int rateSeconds) {
        return Math.floorMod(id.getLeastSignificantBits() ^ id.getMostSignificantBits(), rateSeconds * 100L);
    }

    private static long phase(Target t) {
        return phase(t.id(), t.rateSeconds());
    }

    private Round round() {
        List<InstanceEntity> all = InstanceEntity.listAll();
        List<Target> out = new java.util.ArrayList<>();
        Set<UUID> owned = new HashSet<>();
        for (InstanceEntity e : all) {
            if (!ownership.owns(e.id)) {
                continue;
            }
            owned.add(e.id);
            String url = e.redisUrlSealed != null ? openedUrl(e) : herokuUrl(e);
            if (url != null) {
                out.add(new Target(e.id, url, e.tlsAllowSelfSigned, e.metricRateSeconds, e.lastPolledAt));
            }
        }
        return new Round(owned, out);
    }

    /**
     * A local instance's Redis URL, opened with this deployment's key. One sealed with another key (a
     * second deployment on the same database) or corrupt is this instance's failed poll when due, never
     * an error that stops the round for every other instance.
     */
    private String openedUrl(InstanceEntity e) {
        try {
            return instances.redisUrl(e);
        } catch (IllegalStateException unreadable) {
            Instant now = clock.instant();
            if (claimDue(e.id, now)) {
                try {
                    failedBeforePoll(e, now, ErrorClass.SEALED_KEY, "cannot open the Redis URL: " + unreadable.getMessage());
                } finally {
                    inFlight.remove(e.id);
                }
            }
            return null;
        }
    }

    /** Due now and not being polled already: this replica takes it (in flight until released). */
    private boolean claimDue(UUID id, Instant now) {
        return !nextDue.getOrDefault(id, now).isAfter(now) && inFlight.add(id);
    }

    /** A poll that failed before reaching the Redis (no URL to poll): logged and recorded, the next one a period on. */
    private void failedBeforePoll(InstanceEntity e, Instant now, String errorClass, String why) {
        LOG.warnf("%s: %s", e.name, why);
        nextDue.put(e.id, now.plusSeconds(e.metricRateSeconds));
        recorder.failed(e.id, now, errorClass);
    }

    /**
     * A Heroku instance's Redis URL, read from the app's config vars and cached; read again after a
     * poll fails, so a rotated URL is picked up. A failed read is recorded as a failed poll when due.
     */
    private String herokuUrl(InstanceEntity e) {
        if (e.herokuApp == null || e.configVar == null) {
            return null;
        }
        String cached = herokuUrls.get(e.id);
        if (cached != null) {
            return cached;
        }
        Instant now = clock.instant();
        if (!claimDue(e.id, now)) {
            return null;
        }
        try {
            String url = heroku.redisUrl(e.herokuApp, e.configVar);
            herokuUrls.put(e.id, url);
            return url;
        } catch (RuntimeException failure) {
            failedBeforePoll(e, now, "heroku_api", "cannot read the Redis URL: " + failure.getMessage());
            return null;
        } finally {
            inFlight.remove(e.id);
        }
    }

    private void poll(Target t, Instant at) {
        reader.read(t.id(), t.url(), t.allowSelfSigned())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(
                        info -> {
                            rereadNotBefore.remove(t.id());
                            rereadBackoff.remove(t.id());
                            finish(t.id(), () -> recorder.succeeded(t.id(), at, info));
                        },
                        failure -> {
                            forgetUrlAfterFailure(t.id(), at);
                            finish(t.id(), () -> recorder.failed(t.id(), at, ErrorClass.of(failure)));
                        });
    }

    /**
     * The URL may have rotated: the first failure reads it again at once; while polls keep failing
     * (an outage, not a rotation) the reads thin out, 1, 2, 4 ... up to 15 minutes apart, so a long
     * outage costs a few Heroku calls an hour, not one per poll.
     */
    private void forgetUrlAfterFailure(UUID id, Instant at) {
        if (!herokuUrls.containsKey(id) || at.isBefore(rereadNotBefore.getOrDefault(id, Instant.MIN))) {
            return;
        }
        herokuUrls.remove(id);
        Duration wait = rereadBackoff.merge(id, FIRST_REREAD_WAIT,
                (previous, first) -> previous.multipliedBy(2).compareTo(LONGEST_REREAD_WAIT) > 0
                        ? LONGEST_REREAD_WAIT : previous.multipliedBy(2));
        rereadNotBefore.put(id, at.plus(wait));
    }

    private void finish(UUID id, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            LOG.errorf("could not record the poll of %s: %s", id, e.getMessage());
        } finally {
            inFlight.remove(id);
        }
    }
}
