package io.redisscale.notifier;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One email or webhook call to make, and how it went. */
@Entity
@Table(name = "delivery")
public class DeliveryEntity extends PanacheEntityBase {
    enum Status { pending, sent, failed, held, digested }

    enum Channel { email, webhook }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "instance_id")
    public UUID instanceId;
    public String kind;
    public String channel;
    public String status;
    public String recipients;
    public String subject;
    @Column(name = "text_body")
    public String textBody;
    @Column(name = "html_body")
    public String htmlBody;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "digest_due_at")
    public Instant digestDueAt;
    /** The trace of the event that queued it (runtime tracing.Traces), which its sending goes on; null for a digest. */
    @Column(name = "trace_parent")
    public String traceParent;
}
