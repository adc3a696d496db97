/**
 * The collector service: the user-facing edge of the autoscaler. It registers Redis instances, polls
 * their {@code INFO}, publishes metric samples, keeps the savings ledger and serves the API and the
 * dashboard. This package holds what every room below shares: the service's settings
 * ({@link io.redisscale.collector.CollectorConfig}), its channel names and the API's error shape
 * ({@link io.redisscale.collector.ProblemException}, mapped to problem+json by {@code ProblemMappers}).
 *
 * <p>The rooms: {@code registry} (instances), {@code plans} (the plan catalog), {@code polling}
 * (INFO polls, samples, replicas' ownership), {@code heroku} (the Heroku Platform API and its budget),
 * {@code savings} (the ledger and reports), {@code dashboard} (the web pages). Each says in its own
 * {@code package-info.java} what it owns and what it may use.
 */
package io.redisscale.collector;
