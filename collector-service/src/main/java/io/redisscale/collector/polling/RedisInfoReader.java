package io.redisscale.collector.polling;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** The seam to a Redis: reads INFO without blocking. */
interface RedisInfoReader {
    /**
     * Reads INFO from {@code redisUrl} ({@code redis://} or {@code rediss://} for TLS); {@code allowSelfSigned}
     * accepts a certificate no authority signed (Heroku Redis), at the user's choice.
     */
    Uni<RedisInfo> read(UUID instanceId, String redisUrl, boolean allowSelfSigned);

    /** Drops any connection held for the instance (deleted, or its URL changed). */
    void forget(UUID instanceId);
}
