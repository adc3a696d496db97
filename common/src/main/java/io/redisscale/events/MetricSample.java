package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.UUID;

/**
 * One poll of one instance, on {@link Topics#METRICS}. A failed poll is a sample with status
 * {@code unreachable} and null readings, never zeros.
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record MetricSample(
        @JsonPropertyDescription("unique per sample")
        UUID eventId,
        @JsonPropertyDescription("instance id")
        UUID instanceId,
        @JsonPropertyDescription("when the poll started")
        Instant at,
        @JsonPropertyDescription("poll result")
        Status status,
        @JsonPropertyDescription("why the poll failed")
        String errorClass,
        @JsonPropertyDescription("INFO used_memory, bytes")
        Long usedMemoryBytes,
        @JsonPropertyDescription("INFO connected_clients")
        Integer connectedClients,
        @JsonPropertyDescription("plan the instance is on")
        String plan,
        @JsonPropertyDescription("memory limit of plan, bytes")
        long planMemoryBytes,
        @JsonPropertyDescription("connection limit of plan; -1 unlimited")
        int planMaxConnections,
        @JsonPropertyDescription("INFO maxmemory, bytes (0: none)")
        Long maxmemoryBytes,
        @JsonPropertyDescription("INFO maxclients")
        Integer maxclients,
        @JsonPropertyDescription("INFO evicted_keys, cumulative")
        Long evictedKeys,
        @JsonPropertyDescription("INFO rejected_connections, cumulative")
        Long rejectedConnections) {

    public enum Status { ok, unreachable }

    public boolean ok() {
        return status == Status.ok;
    }
}
