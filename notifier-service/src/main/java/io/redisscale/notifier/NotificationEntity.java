package io.redisscale.notifier;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "instance_id")
    public UUID instanceId;
    public String kind;
    public String recipients;
    public String subject;
    public String status;
    public String detail;
    public Instant at;
}
