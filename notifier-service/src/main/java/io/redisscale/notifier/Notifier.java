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

    /**
     * The instance from the replica; the instances topic is read by another consumer, so a fresh event
     * about a just-registered instance may come first: it waits a little rather than drop the event. An
     * older event (a backlog, or an instance deleted since) is not waited for, so it holds up nothing.
     */
    Optional<InstanceConfig> awaitInstance(UUID id, java.time.Instant eventAt) {
        if (eventAt == null || eventAt.isBefore(clock.instant().minusSeconds(60))) {
            return instance(id);
        }
        for (int i = 0; i < 50; i++) {
            Optional<InstanceConfig> found = instance(id);
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return instance(id);
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
