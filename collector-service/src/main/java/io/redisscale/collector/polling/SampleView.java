package io.redisscale.collector.polling;

import java.time.Instant;

/** A stored sample as the API shows it. Memory in bytes. */
public record SampleView(
        Instant at,
        String status,
        String errorClass,
        Long usedMemory,
        Integer connectedClients,
        String plan,
        Long maxmemory,
        Integer maxclients,
        Long evictedKeys,
        Long rejectedConnections) {

    public static SampleView of(SampleColumns e) {
        return new SampleView(e.at, e.status, e.errorClass, e.usedMemory, e.connectedClients, e.plan,
                e.maxmemory, e.maxclients, e.evictedKeys, e.rejectedConnections);
    }
}
