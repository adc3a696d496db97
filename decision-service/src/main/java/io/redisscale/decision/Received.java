package io.redisscale.decision;

import io.redisscale.events.MetricSample;

/** A sample with the JSON it came in, stored as it is rather than written again for every sample. */
public record Received(MetricSample sample, String json) {}
