/**
 * The system's Kafka topics at start-up: created where this client may ({@link io.redisscale.runtime.topics.TopicBootstrap}),
 * checked for partitions and cleanup policy with the commands that fix them ({@link io.redisscale.runtime.topics.TopicCheck}),
 * and waited for, idle, where they may only be made by hand ({@link io.redisscale.runtime.topics.TopicWait}).
 */
package io.redisscale.runtime.topics;
