/**
 * The web dashboard under {@code /ui}: sign-in and its session cookie ({@code DashboardAuth},
 * {@code SessionCookie}), the fleet page ({@code FleetRow}), the instance page with its charts, the
 * settings form and the what-if page ({@code Dashboard}), and the other services' records it shows,
 * read from their APIs ({@code ServiceClients}).
 *
 * <p>May use every other room; none uses it.
 */
package io.redisscale.collector.dashboard;
