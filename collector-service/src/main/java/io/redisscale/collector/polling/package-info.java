/**
 * Polling: which instances this replica polls ({@code Ownership}, split between replicas through a
 * Kafka consumer group), when ({@code PollScheduler}, one tick a second), the {@code INFO} call behind
 * a seam ({@code RedisInfoReader}), and the samples it makes: stored, published and gauged
 * ({@code SampleRecorder}, {@code InstanceGauges}), read back for charts and exports
 * ({@code SampleEntity}) and purged after the retention ({@code Retention}).
 *
 * <p>May use: {@code registry} (the instances to poll), {@code plans}, {@code heroku} (re-reading an
 * add-on's URL), {@code savings} (the purge folds daily peaks into the ledger).
 */
package io.redisscale.collector.polling;
