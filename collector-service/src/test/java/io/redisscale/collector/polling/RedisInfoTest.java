package io.redisscale.collector.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisInfoTest {
    /** Part of a real Redis 7 INFO reply: look-alike keys (used_memory_rss, maxmemory_policy) must not match. */
    static final String INFO = """
            # Server\r
            redis_version:7.0.15\r
            # Clients\r
            connected_clients:12\r
            maxclients:10000\r
            # Memory\r
            used_memory:1049336\r
            used_memory_human:1.00M\r
            used_memory_rss:8003584\r
            maxmemory:30000000\r
            maxmemory_policy:noeviction\r
            # Stats\r
            evicted_keys:7\r
            rejected_connections:2\r
            """;

    @Test
    void readsTheSixFieldsAndNothingElse() {
        assertEquals(new RedisInfo(1_049_336L, 12, 30_000_000L, 10_000, 7L, 2L), RedisInfo.parse(INFO));
    }

    @Test
    void aFieldNotReportedIsNullAndPlainNewlinesWork() {
        RedisInfo info = RedisInfo.parse("used_memory:1000\nconnected_clients:3");
        assertEquals(1000L, info.usedMemory());
        assertEquals(3, info.connectedClients());
        assertNull(info.maxmemory());
        assertNull(info.rejectedConnections());
    }

    @Test
    void aReplyWithoutUsedMemoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisInfo.parse("used_memory_rss:5\r\nconnected_clients:3\r\n"));
    }
}
