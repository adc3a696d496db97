package io.redisscale.collector.polling;

import io.redisscale.events.MetricSample;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A poll's sample as the recorder writes it: a row of {@code sample_recent} until {@link SamplePacker} packs its hour.
 * Read samples as {@link StoredSample}, which sees them wherever they are.
 */
@Entity
@Table(name = "sample_recent")
public class SampleEntity extends SampleColumns {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public static SampleEntity of(MetricSample s) {
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
