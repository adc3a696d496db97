package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
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
        @JsonPropertyDescription("when the poll started, to the microsecond")
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

    public enum Status {
        ok, unreachable,
        /** What a code this release does not know reads as (a newer producer's): never sent. */
        @JsonEnumDefaultValue
        other
    }

    /** How far ahead of the reader's clock a sample may be dated (clocks of two hosts disagree a little). */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);

    public boolean ok() {
        return status == Status.ok;
    }

    /**
     * What makes this sample unusable, if anything: {@code ok} without its readings, or dated further in
     * the future than {@link #CLOCK_SKEW} (it would freeze the instance's window: later samples would look late).
     */
    public java.util.Optional<String> defect(Instant now) {
        if (at == null) {
            return java.util.Optional.of("no time");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            return java.util.Optional.of("dated " + at + ", in the future");
        }
        if (ok() && (usedMemoryBytes == null || connectedClients == null)) {
            return java.util.Optional.of("ok without its readings");
        }
        return java.util.Optional.empty();
    }
}
