package io.redisscale.collector;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.redisscale.events.MetricSample;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "metric_sample")
public class SampleEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "instance_id")
    public UUID instanceId;
    public Instant at;
    public String status;
    @Column(name = "error_class")
    public String errorClass;
    @Column(name = "used_memory")
    public Long usedMemory;
    @Column(name = "connected_clients")
    public Integer connectedClients;
    public String plan;
    public Long maxmemory;
    public Integer maxclients;
    @Column(name = "evicted_keys")
    public Long evictedKeys;
    @Column(name = "rejected_connections")
    public Long rejectedConnections;

    static SampleEntity of(MetricSample s) {
        SampleEntity e = new SampleEntity();
        e.instanceId = s.instanceId();
        e.at = s.at();
        e.status = s.status().name();
        e.errorClass = s.errorClass();
        e.usedMemory = s.usedMemoryBytes();
        e.connectedClients = s.connectedClients();
        e.plan = s.plan();
        e.maxmemory = s.maxmemoryBytes();
        e.maxclients = s.maxclients();
        e.evictedKeys = s.evictedKeys();
        e.rejectedConnections = s.rejectedConnections();
        return e;
    }
}
