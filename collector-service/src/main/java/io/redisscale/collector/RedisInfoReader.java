package io.redisscale.collector;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** The seam to a Redis: reads INFO without blocking. */
interface RedisInfoReader {
    Uni<RedisInfo> read(UUID instanceId, String redisUrl);

    /** Drops any connection held for the instance (deleted, or its URL changed). */
    void forget(UUID instanceId);
}
