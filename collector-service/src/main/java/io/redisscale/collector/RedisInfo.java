package io.redisscale.collector;

import java.util.HashMap;
import java.util.Map;

/** The INFO fields the autoscaler reads; a field INFO did not report is null. */
record RedisInfo(long usedMemory, int connectedClients, Long maxmemory, Integer maxclients,
                 Long evictedKeys, Long rejectedConnections) {

    /** Parses the text of {@code INFO}: {@code key:value} lines in {@code # Section} blocks. */
    static RedisInfo parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        String used = fields.get("used_memory");
        String clients = fields.get("connected_clients");
        if (used == null || clients == null) {
            throw new IllegalArgumentException("INFO lacks used_memory or connected_clients");
        }
        return new RedisInfo(Long.parseLong(used), Integer.parseInt(clients), longOrNull(fields.get("maxmemory")),
                intOrNull(fields.get("maxclients")), longOrNull(fields.get("evicted_keys")),
                longOrNull(fields.get("rejected_connections")));
    }

    private static Long longOrNull(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    private static Integer intOrNull(String s) {
        return s == null ? null : Integer.valueOf(s);
    }
}
