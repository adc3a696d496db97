package io.redisscale.notifier;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.outbox.Replica;
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
    private final MailSender mail;
    private final NotifierConfig config;
    private final Template text;
    private final Template html;

    Notifier(Replica replica, NotificationLog log, MailSender mail, NotifierConfig config,
             @Location("email.txt") Template text, @Location("email.html") Template html) {
        this.replica = replica;
        this.log = log;
        this.mail = mail;
        this.config = config;
        this.text = text;
        this.html = html;
    }

    Optional<InstanceConfig> instance(UUID id) {
        return replica.get(Topics.INSTANCES, id.toString(), InstanceConfig.class);
    }

    Map<String, Plan> plans() {
        return replica.all(Topics.PLANS, Plan.class).stream().collect(Collectors.toMap(Plan::name, Function.identity()));
    }

    String prefix() {
        return config.prefix();
    }

    /** Sends the message unless its event was handled before; records what happened either way. */
    void notify(Message m, InstanceConfig instance) {
        if (log.seen(m.eventId())) {
            return; // a redelivered event: its email went already
        }
        List<String> to = instance.recipients() == null || instance.recipients().isEmpty()
                ? split(config.defaultRecipients().orElse("")) : instance.recipients();
        String suppressed = !config.enabled() ? "emails are off (ENABLE_EMAILS)"
                : !m.wanted() ? "the instance did not ask for " + m.kind()
                : to.isEmpty() ? "no recipients" : null;
        if (suppressed == null) {
            mail.send(to, m.subject(), text.data(m).render(), html.data(m).render());
        }
        log.record(m, to, suppressed == null ? "sent" : "suppressed", suppressed);
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
