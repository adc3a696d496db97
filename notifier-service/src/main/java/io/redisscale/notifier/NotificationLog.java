package io.redisscale.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The notifier's memory of handled events: what makes an email go once per event id. */
@ApplicationScoped
class NotificationLog {
    private final Clock clock;

    NotificationLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    boolean seen(UUID eventId) {
        return NotificationEntity.findById(eventId) != null;
    }

    @Transactional
    void record(Message m, List<String> to, String status, String detail) {
        NotificationEntity e = new NotificationEntity();
        e.eventId = m.eventId();
        e.instanceId = m.instanceId();
        e.kind = m.kind();
        e.recipients = String.join(",", to);
        e.subject = m.subject();
        e.status = status;
        e.detail = detail;
        e.at = clock.instant();
        e.persist();
    }
}
