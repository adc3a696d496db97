/** AWS ElastiCache at registration: the replication group's node type ({@link io.redisscale.collector.elasticache.ElastiCacheResolver}). */
package io.redisscale.collector.elasticache;
