package io.redisscale.collector.polling;

import java.util.UUID;

/** Which instances this collector replica polls: each instance is owned by exactly one live replica. */
public interface Ownership {
    boolean owns(UUID instanceId);

    /** Moves whenever the set of owned instances may have changed (a rebalance): callers may cache {@link #owns} until then. */
    long generation();
}
