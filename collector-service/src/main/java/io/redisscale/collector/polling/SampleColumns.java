package io.redisscale.collector.polling;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/** What a stored sample holds, written as {@link SampleEntity} and read as {@link StoredSample}. */
@MappedSuperclass
public abstract class SampleColumns extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {
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
}
