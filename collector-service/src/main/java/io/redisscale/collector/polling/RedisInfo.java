package io.redisscale.collector.polling;

/** The INFO fields the autoscaler reads; a field INFO did not report is null. */
record RedisInfo(long usedMemory, int connectedClients, Long maxmemory, Integer maxclients,
                 Long evictedKeys, Long rejectedConnections) {

    /** The fields read, in the order of {@link #parse}'s slots. */
    private static final String[] KEYS = {"used_memory", "connected_clients", "maxmemory", "maxclients", "evicted_keys",
            "rejected_connections"};

    /**
     * Parses the text of {@code INFO}: {@code key:value} lines in {@code # Section} blocks. Only the six
     * fields read are picked out, line by line without a regular expression or a map of every field: a
     * collector parses a few hundred INFO replies of about 150 lines every second.
     */
    static RedisInfo parse(String info) {
        String[] values = new String[KEYS.length];
        int n = info.length();
        for (int at = 0; at < n; ) {
            int end = info.indexOf('\n', at);
            if (end < 0) {
                end = n;
            }
            for (int k = 0; k < KEYS.length; k++) {
                String key = KEYS[k];
                int colon = at + key.length();
                if (colon < end && info.charAt(colon) == ':' && info.startsWith(key, at)) {
                    values[k] = info.substring(colon + 1, end).trim();
                    break;
                }
            }
            at = end + 1;
        }
        if (values[0] == null || values[1] == null) {
            throw new IllegalArgumentException("INFO lacks used_memory or connected_clients");
        }
        return new RedisInfo(Long.parseLong(values[0]), Integer.parseInt(values[1]), longOrNull(values[2]),
                intOrNull(values[3]), longOrNull(values[4]), longOrNull(values[5]));
    }

    private static Long longOrNull(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    private static Integer intOrNull(String s) {
        return s == null ? null : Integer.valueOf(s);
    }
}
