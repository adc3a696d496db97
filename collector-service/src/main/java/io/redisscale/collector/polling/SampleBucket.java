package io.redisscale.collector.polling;

import java.time.Instant;

/**
 * Samples of one {@code step} folded together, as {@code GET .../metrics?step=} shows them. Maxima are
 * what capacity is judged on; means show the level. Memory in bytes.
 */
public record SampleBucket(
        Instant at,
        long samples,
        long unreachable,
        Long usedMemoryMax,
        Long usedMemoryMean,
        Integer connectedClientsMax,
        Integer connectedClientsMean,
        String plan) {}
