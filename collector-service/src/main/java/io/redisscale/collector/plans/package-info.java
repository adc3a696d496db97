/**
 * The plan catalog as the collector holds it: the plans table seeded from the bundled catalogs
 * ({@code PlanSeeder}), the {@code /api/v1/plans} API ({@code PlanResource}) and its changes, which are
 * published on {@code autoscaler.plans} through the outbox ({@code Plans}).
 *
 * <p>May use: the service's root package and {@code common}. Used by every other room that prices or
 * sizes an instance.
 */
package io.redisscale.collector.plans;
