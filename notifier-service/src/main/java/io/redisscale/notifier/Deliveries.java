package io.redisscale.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The store of emails and webhook calls to make. {@link #queue} writes inside the caller's transaction
 * (with the event's notification row); a single worker thread sends what is due, retries failures with
 * backoff until {@code retry-for} has passed, and turns messages held back by the burst limit into one
 * digest per instance, kind and channel.
 */
@ApplicationScoped
class Deliveries {
    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    /** A claimed delivery is not claimed again for this long, so a slow SMTP server is not sent to twice. */
    static final Duration LEASE = Duration.ofMinutes(3);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    private final MailSender mail;
    private final WebhookSender webhook;
    private final NotifierConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "delivery-worker"));
    private final AtomicBoolean queued = new AtomicBoolean();

    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final io.redisscale.runtime.tracing.Traces traces;

    Deliveries(MailSender mail, WebhookSender webhook, NotifierConfig config, Clock clock, ObjectMapper json,
               io.micrometer.core.instrument.MeterRegistry meters, io.redisscale.runtime.tracing.Traces traces) {
        this.traces = traces;
        this.meters = meters;
        this.mail = mail;
        this.webhook = webhook;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    /** Stores one message for one channel, in the caller's transaction; held back when its burst interval is busy. */
    void queue(UUID eventId, UUID instanceId, String kind, DeliveryEntity.Channel channel, List<String> to,
               String subject, String text, String html) {
        Instant now = clock.instant();
        DeliveryEntity last = DeliveryEntity.<DeliveryEntity>find("instanceId = ?1 and kind = ?2 and channel = ?3 "
                        + "and status in ('pending', 'sent', 'failed') order by createdAt desc", instanceId, kind, channel.name())
                .firstResult();
        boolean hold = last != null && last.createdAt.plus(config.burstInterval()).isAfter(now);
        DeliveryEntity d = new DeliveryEntity();
        d.eventId = eventId;
        d.instanceId = instanceId;
        d.kind = kind;
        d.channel = channel.name();
        d.recipients = String.join(",", to);
        d.subject = subject;
        d.textBody = text;
        d.htmlBody = html;
        d.createdAt = now;
        d.status = (hold ? DeliveryEntity.Status.held : DeliveryEntity.Status.pending).name();
        d.nextAttemptAt = hold ? null : now;
        d.digestDueAt = hold ? last.createdAt.plus(config.burstInterval()) : null;
        d.traceParent = io.redisscale.runtime.tracing.Traces.current();
        d.persist();
    }

    /** Runs the worker soon; calls while it is queued are folded into one run. */
    void wake() {
        if (queued.compareAndSet(false, true)) {
            worker.submit(() -> {
                queued.set(false);
                try {
                    digests();
                    drain();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "delivery worker: %s", e.getMessage());
                }
            });
        }
    }

    @Scheduled(every = "${notifier.delivery-tick:2s}", delayed = "5s")
    void tick() {
        wake();
    }

    /** Held messages whose interval is over become one digest each. */
    void digests() {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            List<DeliveryEntity> due = DeliveryEntity.list("status = 'held' and digestDueAt <= ?1 order by id", now);
            Map<String, List<DeliveryEntity>> groups = new LinkedHashMap<>();
            for (DeliveryEntity d : due) {
                groups.computeIfAbsent(d.instanceId + "/" + d.kind + "/" + d.channel, k -> new ArrayList<>()).add(d);
            }
            for (List<DeliveryEntity> held : groups.values()) {
                DeliveryEntity first = held.get(0);
                String subject = first.subject + " (digest of " + held.size() + ")";
                StringBuilder text = new StringBuilder(held.size() + " messages were held back so as not to flood you; "
                        + "here they are, oldest first.\n");
                StringBuilder html = new StringBuilder("<p>" + held.size() + " messages were held back so as not to flood "
                        + "you; here they are, oldest first.</p>");
                for (DeliveryEntity d : held) {
                    text.append("\n----- ").append(d.subject).append("\n\n").append(d.textBody).append('\n');
                    html.append("<hr>").append(d.htmlBody == null ? "" : d.htmlBody);
                    d.status = DeliveryEntity.Status.digested.name();
                }
                DeliveryEntity digest = new DeliveryEntity();
                digest.eventId = UUID.randomUUID();
                digest.instanceId = first.instanceId;
                digest.kind = first.kind;
                digest.channel = first.channel;
                digest.recipients = first.recipients;
                digest.subject = subject;
                digest.textBody = text.toString();
                digest.htmlBody = html.toString();
                digest.createdAt = now;
                digest.status = DeliveryEntity.Status.pending.name();
                digest.nextAttemptAt = now;
                digest.persist();
            }
        });
    }

    /** Sends everything due, a few at a time, each claimed first. */
    void drain() {
        while (true) {
            List<Long> claimed = claim(20);
            if (claimed.isEmpty()) {
                return;
            }
            claimed.forEach(this::deliver);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Long> claim(int max) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> ids = DeliveryEntity.getEntityManager().createNativeQuery("""
                    SELECT id FROM delivery WHERE status = 'pending' AND next_attempt_at <= :now
                    ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED""")
                    .setParameter("now", now).setParameter("max", max).getResultList();
            List<Long> out = ids.stream().map(Number::longValue).toList();
            for (Long id : out) {
                DeliveryEntity.<DeliveryEntity>findById(id).nextAttemptAt = now.plus(LEASE);
            }
            return out;
        });
    }

    private void deliver(Long id) {
        DeliveryEntity d = QuarkusTransaction.requiringNew().call(() -> DeliveryEntity.<DeliveryEntity>findById(id));
        String error = null;
        try (io.redisscale.runtime.tracing.Traces.Active span = traces.resume(d.channel, d.traceParent, Map.of(
                "autoscaler.instance.id", String.valueOf(d.instanceId), "autoscaler.notification.kind", d.kind,
                "autoscaler.delivery.attempt", String.valueOf(d.attempts + 1)))) {
            try {
                if (DeliveryEntity.Channel.email.name().equals(d.channel)) {
                    mail.send(Arrays.stream(d.recipients.split(",")).filter(s -> !s.isBlank()).toList(),
                            d.subject, d.textBody, d.htmlBody);
                } else {
                    ObjectNode body = json.createObjectNode().put("text", d.subject + "\n" + d.textBody);
                    webhook.post(config.webhookUrl().orElseThrow(() -> new IllegalStateException("WEBHOOK_URL is not set")),
                            body.toString());
                }
            } catch (RuntimeException e) {
                error = String.valueOf(e.getMessage());
                span.failed(e);
            }
        }
        String failure = error;
        // Once sent, the result must be recorded: were it lost (the database down just now), the lease
        // would run out and the message go out twice. So it is retried here until it is stored.
        Duration wait = Duration.ofMillis(500);
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> settle(DeliveryEntity.findById(id), failure));
                return;
            } catch (RuntimeException e) {
                if (worker.isShutdown()) {
                    throw e;
                }
                LOG.warnf("%s %d: cannot record the result yet (%s); again in %d ms", d.channel, id, e.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : wait.multipliedBy(2);
            }
        }
    }

    /** Records a delivery's result: sent, or the next try with a longer wait, or failed for good. */
    private void settle(DeliveryEntity d, String error) {
        Instant now = clock.instant();
        d.attempts++;
        if (error == null) {
            d.status = DeliveryEntity.Status.sent.name();
            d.sentAt = now;
            d.nextAttemptAt = null;
            count(d, "sent");
            return;
        }
        d.lastError = error;
        Duration wait = config.firstRetry().multipliedBy(1L << Math.min(d.attempts - 1, 16));
        wait = wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
        if (now.plus(wait).isAfter(d.createdAt.plus(config.retryFor()))) {
            d.status = DeliveryEntity.Status.failed.name();
            d.nextAttemptAt = null;
            count(d, "failed");
            LOG.errorf("%s %d to %s failed for good after %d attempts: %s", d.channel, d.id, d.recipients, d.attempts, error);
        } else {
            d.nextAttemptAt = now.plus(wait);
            count(d, "retry");
            LOG.warnf("%s %d not delivered (attempt %d): %s; next try at %s", d.channel, d.id, d.attempts, error, d.nextAttemptAt);
        }
    }

    /** Bounded labels: two channels; sent, retry or failed (for good). */
    private void count(DeliveryEntity d, String result) {
        meters.counter("autoscaler.notifications", "channel", d.channel, "result", result).increment();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
