package io.redisscale.actuator.availability;

import io.redisscale.events.Availability;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Probes one instance's Redis every period on a thread of its own while its change runs, from {@link #start} to
 * {@link #stop}; the probes are added up by a {@link Tally}.
 */
public final class Watch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Watch.class);

    private final Probe probe;
    private final Probe.Endpoint endpoint;
    private final Tally tally;
    private final ScheduledExecutorService timer;

    private Watch(Probe probe, Probe.Endpoint endpoint, Duration period) {
        this.probe = probe;
        this.endpoint = endpoint;
        this.tally = new Tally(period);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "availability-probe");
            t.setDaemon(true);
            return t;
        });
        // At a fixed rate: each probe stands for one period (its timeout is shorter than the period, VertxProbe).
        timer.scheduleAtFixedRate(this::once, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts probing {@code endpoint} every {@code period} at once. */
    public static Watch start(Probe probe, Probe.Endpoint endpoint, Duration period) {
        return new Watch(probe, endpoint, period);
    }

    private void once() {
        try {
            Probe.Result r = probe.probe(endpoint);
            synchronized (tally) {
                tally.add(r);
            }
        } catch (RuntimeException e) { // a probe never stops the watch
            LOG.debugf("probe of %s failed to run: %s", endpoint, e.getMessage());
        }
    }

    /**
     * Stops probing (waiting for a probe under way), probes once more at the verified end (whether the Redis answers
     * once the change is done, however short the change was), and adds up what was seen; {@code end} is the endpoint
     * read after the change.
     */
    public Availability stop(Probe.Endpoint end) {
        close();
        synchronized (tally) {
            tally.add(probe.probe(endpoint));
            return tally.availability(endpoint, end);
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
