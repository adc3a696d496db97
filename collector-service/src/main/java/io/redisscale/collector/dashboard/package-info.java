/**
 * The web dashboard under {@code /ui}, a page a class: {@code SignInPage} (the session cookie:
 * {@code SessionCookie}, checked on every page by {@code DashboardAuth}), {@code FleetPage} (rows:
 * {@code FleetRow}), {@code InstancePage} (its charts: {@code InstanceChart}), {@code SettingsPages}
 * (settings and registration, bound by {@code SettingsForm}) and {@code WhatIfPage}; the other services'
 * records it shows are read from their APIs ({@code ServiceClients}).
 *
 * <p>May use every other room; none uses it.
 */
package io.redisscale.collector.dashboard;
