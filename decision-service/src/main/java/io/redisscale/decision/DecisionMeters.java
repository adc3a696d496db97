package io.redisscale.decision;

import io.redisscale.decision.policy.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ReasonCode;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision loop's Prometheus meters, registered once: samples judged and ignored, how stale a judged
 * sample's load is, how long a batch takes, and the decisions by action and reason code (bounded labels,
 * found by ordinal: no key is built per sample).
 */
@Singleton
class DecisionMeters {
    private final Counter judged;
    private final Timer sampleAge;
    private final Timer batchTime;
    private final Counter[][] decisions;
    /** Samples ignored as unusable (MetricSample#defect): counted, never let into a window. */
    private final AtomicLong ignored = new AtomicLong();

    DecisionMeters(MeterRegistry meters) {
        // Counted as the batch is judged (a rolled-back batch is judged again and counted again).
        this.judged = Counter.builder("autoscaler.samples.judged").description("metric samples judged by the decision loop")
                .register(meters);
        // How stale the load a decision acts on is: from the poll to the judging (collector, outbox, broker, batch).
        // Histograms, so percentiles are taken over every replica's buckets summed (a percentile per pod cannot be).
        this.sampleAge = Timer.builder("autoscaler.sample.age").description("time from a sample being taken to its judging")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(meters);
        this.batchTime = Timer.builder("autoscaler.decision.batch").description("time to judge one batch of samples, storage included")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(meters);
        FunctionCounter.builder("autoscaler.samples.ignored", ignored, AtomicLong::get)
                .description("metric samples ignored as unusable (undated, from the future, or ok without readings)").register(meters);
        this.decisions = new Counter[Decision.Action.values().length][];
        for (Decision.Action action : Decision.Action.values()) {
            decisions[action.ordinal()] = Arrays.stream(ReasonCode.values())
                    .map(code -> meters.counter("autoscaler.decisions", "action", action.name(), "reason", code.name()))
                    .toArray(Counter[]::new);
        }
    }

    /** A batch's samples judged at {@code now}. */
    void judged(List<MetricSample> samples, Instant now) {
        judged.increment(samples.size());
        samples.forEach(sample -> sampleAge.record(Duration.between(sample.at(), now)));
    }

    void decided(Decision decision) {
        decisions[decision.action().ordinal()][decision.code().ordinal()].increment();
    }

    /** Counts one more sample ignored; returns how many since start. */
    long ignore() {
        return ignored.incrementAndGet();
    }

    /** How many samples were ignored since start. */
    long ignored() {
        return ignored.get();
    }

    void batchTook(long nanos) {
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }
}
