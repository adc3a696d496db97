/**
 * Replaying a metric trace ({@code Trace}) through the very same {@code InstanceLoop} and
 * {@code ScalingPolicy} on a simulated clock ({@code Simulation}), beside reference policies
 * ({@code ReferencePolicies}): the {@code ./autoscaler backtest} command ({@code Backtest}), its SVG
 * ({@code Chart}) and the what-if API ({@code WhatIfResource}).
 *
 * <p>May use: {@code policy} and the service's settings.
 */
package io.redisscale.decision.backtest;
