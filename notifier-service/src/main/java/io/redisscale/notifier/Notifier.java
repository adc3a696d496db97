package io.redisscale.notifier;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns an event into at most one email per event id, for the people the instance names. */
@ApplicationScoped
class Notifier {
    private final Replica replica;
    private final NotificationLog log;
    private final Deliveries deliveries;
    private final NotifierConfig config;
    private final Template text;
    private final Template html;

    private final java.time.Clock clock;

    Notifier(Replica replica, NotificationLog log, Deliveries deliveries, NotifierConfig config, java.time.Clock clock,
             @Location("email.txt") Template text, @Location("email.html") Template html) {
        this.replica = replica;
        this.log = log;
        this.deliveries = deliveries;
        this.clock = clock;
        this.config = config;
        this.text = text;
        this.html = html;
    }

    Optional<InstanceConfig> instance(UUID id) {
        return replica.get(Topics.INSTANCES, id.toString(), InstanceConfig.class);
    }

    /** An event about an instance this service has never known, older than this, is dropped (logged), not waited for. */
    static final java.time.Duration UNKNOWN_AFTER = java.time.Duration.ofMinutes(15);

    /**
     * The instance an event is about, from the replica. The instances topic is read by another consumer, so
     * an event about a just-registered instance may come first: it is retried ({@link io.redisscale.runtime.NotArrivedYet})
     * until the instance arrives. Empty for a deleted instance, or one never known here whose event is older
     * than {@link #UNKNOWN_AFTER} (a backlog), so that nothing waits forever.
     */
    Optional<InstanceConfig> instanceFor(UUID id, java.time.Instant eventAt) {
        Optional<InstanceConfig> found = instance(id);
        if (found.isPresent() || replica.deleted(Topics.INSTANCES, id.toString())
                || eventAt == null || eventAt.isBefore(clock.instant().minus(UNKNOWN_AFTER))) {
            return found;
        }
        throw new io.redisscale.runtime.NotArrivedYet("instance " + id + " has not reached the notifier's copy of the instances yet");
    }

    Map<String, Plan> plans() {
        return replica.all(Topics.PLANS, Plan.class).stream().collect(Collectors.toMap(Plan::name, Function.identity()));
    }

    String prefix() {
        return config.prefix();
    }

    /**
     * Stores the message's email (and webhook call) unless its event was handled before, with a record
     * of what was decided, in one transaction: once it commits the event is safe and its offset may be
     * committed. The worker then sends it.
     */
    @jakarta.transaction.Transactional
    void notify(Message m, InstanceConfig instance) {
        notify(m, instance.recipients() == null || instance.recipients().isEmpty() ? operators() : instance.recipients());
    }

    /** An alert about the autoscaler itself goes to the operators: RECIPIENTS. */
    @jakarta.transaction.Transactional
    void notifyOperators(Message m) {
        notify(m, operators());
    }

    /** The monthly savings report, to those who asked for it (none: recorded as suppressed). */
    @jakarta.transaction.Transactional
    void notifySavings(Message m) {
        notify(m, split(config.savingsReportTo().orElse("")));
    }

    private List<String> operators() {
        return split(config.defaultRecipients().orElse(""));
    }

    private void notify(Message m, List<String> to) {
        if (log.seen(m.eventId())) {
            return; // a redelivered event: its email is stored already
        }
        String emailSuppressed = !m.wanted() ? "the instance did not ask for " + m.kind()
                : !config.enabled() ? "emails are off (ENABLE_EMAILS)"
                : to.isEmpty() ? "no recipients" : null;
        String textBody = text.data(m).render();
        if (emailSuppressed == null) {
            deliveries.queue(m.eventId(), m.instanceId(), m.kind(), DeliveryEntity.Channel.email, to, m.subject(),
                    textBody, html.data(m).render());
        }
        boolean webhook = m.wanted() && config.webhookUrl().filter(u -> !u.isBlank()).isPresent();
        if (webhook) {
            deliveries.queue(m.eventId(), m.instanceId(), m.kind(), DeliveryEntity.Channel.webhook, List.of(), m.subject(),
                    textBody, null);
        }
        log.record(m, to, emailSuppressed == null || webhook ? "queued" : "suppressed", emailSuppressed);
    }

    /** After the event's transaction: send at once rather than at the next tick. */
    void deliverSoon() {
        deliveries.wake();
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
