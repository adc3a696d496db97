package io.redisscale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One poll of one instance, on {@link Topics#METRICS}. A failed poll is a sample with status
 * {@code unreachable} and null readings, never zeros.
 *
 * @param usedMemoryBytes     INFO {@code used_memory}, bytes
 * @param connectedClients    INFO {@code connected_clients}
 * @param planMemoryBytes     memory limit of {@code plan}, bytes
 * @param planMaxConnections  connection limit of {@code plan}; -1 unlimited
 * @param maxmemoryBytes      INFO {@code maxmemory} when reported (0 means no limit set)
 * @param maxclients          INFO {@code maxclients} when reported
 * @param evictedKeys         INFO {@code evicted_keys}, cumulative
 * @param rejectedConnections INFO {@code rejected_connections}, cumulative
 */
public record MetricSample(
        UUID eventId,
        UUID instanceId,
        Instant at,
        Status status,
        String errorClass,
        Long usedMemoryBytes,
        Integer connectedClients,
        String plan,
        long planMemoryBytes,
        int planMaxConnections,
        Long maxmemoryBytes,
        Integer maxclients,
        Long evictedKeys,
        Long rejectedConnections) {

    public enum Status { ok, unreachable }

    public boolean ok() {
        return status == Status.ok;
    }
}
