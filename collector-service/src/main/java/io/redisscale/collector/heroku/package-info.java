/**
 * The collector's side of the Heroku Platform API: resolving an add-on and its Redis URL at registration
 * ({@code HerokuResolver}), re-reading add-on plans changed by hand ({@code HerokuPlanRefresher}), and
 * the account's call budget both share ({@code HerokuBudget}), which keeps the collector's background
 * reads clear of the actuator's changes. The HTTP client itself is {@code heroku-client}'s.
 *
 * <p>May use: {@code registry} and {@code polling} (which instances this replica owns).
 */
package io.redisscale.collector.heroku;
