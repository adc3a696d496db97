package io.redisscale.collector.polling;

import io.redisscale.runtime.ErrorClass;
import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.events.Alert;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Stores a poll's sample and publishes it (and any reachability alert) through the outbox. Polls that
 * finish together are stored together: {@link #recordAll} writes a batch in one transaction.
 */
@ApplicationScoped
class SampleRecorder {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SampleRecorder.class);
    private final Outbox outbox;
    private final CollectorConfig config;
    private final java.time.Clock clock;
    private final InstanceGauges gauges;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    SampleRecorder(Outbox outbox, CollectorConfig config, java.time.Clock clock, InstanceGauges gauges,
                   io.micrometer.core.instrument.MeterRegistry meters) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.gauges = gauges;
        this.meters = meters;
    }

    /** A finished poll: its reading, or the class of its failure; its span, which the sample's trace begins with. */
    record Result(UUID instanceId, Instant at, RedisInfo info, String errorClass, io.opentelemetry.api.trace.Span poll) {}

    /** Stores a batch of finished polls in one transaction (one commit for them all). */
    @Transactional
    void recordAll(java.util.List<Result> results) {
        if (results.isEmpty()) {
            return;
        }
        // The batch's instances in one query: each poll's lookup below then finds its row in the session.
        InstanceEntity.list("id in ?1", results.stream().map(Result::instanceId).distinct().toList());
        for (Result r : results) {
            try (io.opentelemetry.context.Scope ignored = io.redisscale.runtime.tracing.Traces.within(r.poll())) { // the sample follows from its poll
                if (r.info() != null) {
                    succeeded(r.instanceId(), r.at(), r.info());
                } else {
                    failed(r.instanceId(), r.at(), r.errorClass());
                }
            }
        }
    }

    @Transactional
    void succeeded(UUID instanceId, Instant at, RedisInfo info) {
        InstanceEntity e = InstanceEntity.findById(instanceId);
        if (e == null) {
            return; // deleted while the poll ran
        }
        if (e.consecutiveFailures >= config.unreachableAfter()) {
            alert(e, Alert.Kind.back_to_normal, "answers again after " + e.consecutiveFailures + " failed polls", at);
        }
        PlanEntity plan = PlanEntity.findById(e.plan);
        MetricSample sample = new MetricSample(UUID.randomUUID(), e.id, micros(at), MetricSample.Status.ok, null, info.usedMemory(),
                info.connectedClients(), plan.name, plan.memoryBytes, plan.maxConnections, info.maxmemory(),
                info.maxclients(), info.evictedKeys(), info.rejectedConnections());
        java.util.Optional<String> defect = sample.defect(clock.instant());
        if (defect.isPresent()) {
            // An answer that is not a usable reading is a failed poll, never an ok sample with holes.
            LOG.warnf("poll of %s refused: %s", e.name, defect.get());
            failed(instanceId, at, "other");
            return;
        }
        e.consecutiveFailures = 0;
        e.reachable = true;
        e.lastPolledAt = at;
        store(sample);
        gauges.record(e.id, new InstanceGauges.Reading(e.name, info.usedMemory(), info.connectedClients(), plan.memoryBytes,
                plan.maxConnections, plan.priceMonthUsd, e.memoryThresholdPercent, e.scalingEnabled));
    }

    @Transactional
    void failed(UUID instanceId, Instant at, String errorClass) {
        InstanceEntity e = InstanceEntity.findById(instanceId);
        if (e == null) {
            return;
        }
        e.consecutiveFailures++;
        e.lastPolledAt = at;
        if (e.consecutiveFailures == config.unreachableAfter()) {
            e.reachable = false;
            alert(e, Alert.Kind.unreachable, ErrorClass.SEALED_KEY.equals(errorClass)
                    ? "cannot be polled: its Redis URL was sealed with another AUTOSCALER_SECRET_KEY (or is corrupt); "
                      + "restore that key, or register the instance again with its URL"
                    : "unreachable (" + errorClass + ") for " + e.consecutiveFailures + " consecutive polls", at);
        }
        gauges.forget(e.id); // no reading: no series, rather than a stale one
        PlanEntity plan = PlanEntity.findById(e.plan);
        store(new MetricSample(UUID.randomUUID(), e.id, micros(at), MetricSample.Status.unreachable, errorClass, null, null,
                plan.name, plan.memoryBytes, plan.maxConnections, null, null, null, null));
    }

    private void store(MetricSample sample) {
        // Bounded labels: two statuses, a handful of error classes (ErrorClass).
        meters.counter("autoscaler.polls", "status", sample.status().name(),
                "error_class", sample.errorClass() == null ? "none" : sample.errorClass()).increment();
        SampleEntity.of(sample).persist();
        outbox.add(Topics.METRICS, sample.instanceId().toString(), sample);
    }

    /** A sample's time as every store keeps it (PostgreSQL holds microseconds): the event carries the same. */
    private static Instant micros(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private void alert(InstanceEntity e, Alert.Kind kind, String detail, Instant at) {
        outbox.add(Topics.ALERTS, e.id.toString(),
                new Alert(UUID.randomUUID(), e.id, kind, e.plan, e.name + " " + detail, at));
    }
}
