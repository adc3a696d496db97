/**
 * Redis Cloud's own API at registration: the Essentials subscription and the plans of its region
 * ({@link io.redisscale.collector.rediscloud.RedisCloudResolver}).
 */
package io.redisscale.collector.rediscloud;
