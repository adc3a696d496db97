package io.redisscale.collector.plans;

/** Body of {@code PUT /api/v1/plans/{name}}: a plan's limits and price. Memory in bytes; -1 connections = unlimited. */
public record PlanUpdate(Long memoryBytes, Integer maxConnections, Double priceMonthUsd) {}
