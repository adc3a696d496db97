package io.redisscale.collector.polling;

import io.redisscale.runtime.ErrorClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Polls this replica could not make because it ran out of file descriptors: the collector's own limit, not
 * the instance's fault. Each instance holds one connection, so a replica polls at most about its open-file
 * limit of instances. Such a poll is not recorded as the instance's failure (no false "unreachable" alert,
 * no gap blamed on the user's Redis): it is counted ({@code autoscaler.polls.skipped{reason=file_limit}},
 * the {@code AutoscalerFileLimit} alert) and logged at most once a minute with the remedy.
 */
@jakarta.inject.Singleton // made with the poll scheduler, so its counter is scraped at 0 from the start
class FileLimit {
    private static final Logger LOG = Logger.getLogger(FileLimit.class);
    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    /** Descriptors a replica needs besides its polls: jars, the database pool, Kafka, HTTP clients and callers. */
    static final long RESERVED = 500;

    private final Clock clock;
    private final Counter skipped;
    private final AtomicReference<Instant> lastLogged = new AtomicReference<>(Instant.MIN);
    private final AtomicLong sinceLogged = new AtomicLong();

    FileLimit(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.skipped = Counter.builder("autoscaler.polls.skipped").tag("reason", ErrorClass.FILE_LIMIT)
                .description("polls this replica could not make: out of file descriptors").register(meters);
    }

    /** Says at start how many instances this replica's open-file limit lets it poll. */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            LOG.infof("open-file limit %,d: this replica polls at most about %,d instances (one connection each)",
                    os.getMaxFileDescriptorCount(), Math.max(0, os.getMaxFileDescriptorCount() - RESERVED));
        }
    }

    /** One poll skipped; true when this call logged (at most once a {@link #LOG_EVERY}). */
    boolean skipped() {
        skipped.increment();
        long count = sinceLogged.incrementAndGet();
        Instant now = clock.instant();
        Instant last = lastLogged.get();
        if (now.isBefore(last.plus(LOG_EVERY)) || !lastLogged.compareAndSet(last, now)) {
            return false;
        }
        sinceLogged.addAndGet(-count);
        LOG.errorf("%d poll(s) skipped: this collector is out of file descriptors (one connection per instance it polls)."
                + " Raise its open-file limit (ulimit -n, LimitNOFILE, the container's nofile) or add a collector replica;"
                + " the instances are not marked unreachable for it", count);
        return true;
    }
}
