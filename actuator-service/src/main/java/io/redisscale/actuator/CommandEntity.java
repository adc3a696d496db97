package io.redisscale.actuator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "command")
public class CommandEntity extends PanacheEntityBase {
    enum State { received, executing, verifying, done }

    @Id
    @Column(name = "command_id")
    public UUID commandId;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "from_plan")
    public String fromPlan;
    @Column(name = "to_plan")
    public String toPlan;
    public String direction;
    @Column(name = "decided_at")
    public Instant decidedAt;
    public String payload;
    public String state;
    public String outcome;
    public String detail;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "duration_ms")
    public Long durationMs;
    /** The instance's provider when the change ran (the stats group by it; the instance may be gone since). */
    public String provider;
    /** What the change cost in availability ({@code Availability} as JSON); null: nothing sent or probed. */
    public String availability;
}
