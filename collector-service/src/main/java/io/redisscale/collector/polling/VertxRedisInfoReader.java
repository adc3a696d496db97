package io.redisscale.collector.polling;

import io.redisscale.collector.CollectorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reads INFO with the Vert.x Redis client, one small pooled client per instance. */
@ApplicationScoped
class VertxRedisInfoReader implements RedisInfoReader {
    private record Client(String url, boolean allowSelfSigned, Redis redis) {}

    static final String POOL_NAME = "redis-poll";
    /**
     * The three INFO sections that hold the fields read, pipelined in one round trip (one INFO with several
     * sections needs Redis 7): about 3 KB instead of 5, and a connection keeps its last reply's buffer.
     */
    private static java.util.List<Request> sections() {
        return java.util.List.of(Request.cmd(Command.INFO).arg("memory"), Request.cmd(Command.INFO).arg("clients"),
                Request.cmd(Command.INFO).arg("stats"));
    }
    private final Vertx vertx;
    private final CollectorConfig config;
    private final Map<UUID, Client> clients = new ConcurrentHashMap<>();

    VertxRedisInfoReader(Vertx vertx, CollectorConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public Uni<RedisInfo> read(UUID instanceId, String redisUrl, boolean allowSelfSigned) {
        Redis redis = client(instanceId, redisUrl, allowSelfSigned);
        return redis.batch(sections())
                .ifNoItem().after(config.pollTimeout()).fail()
                .map(responses -> RedisInfo.parse(String.join("\n", responses.stream().map(Object::toString).toList())))
                .onFailure().invoke(e -> forget(instanceId));
    }

    @Override
    public void forget(UUID instanceId) {
        Client c = clients.remove(instanceId);
        if (c != null) {
            c.redis().close();
        }
    }

    private Redis client(UUID instanceId, String url, boolean allowSelfSigned) {
        Client c = clients.get(instanceId);
        if (c != null && c.url().equals(url) && c.allowSelfSigned() == allowSelfSigned) {
            return c.redis();
        }
        forget(instanceId);
        // One pool name for all: the pool's meters are tagged with it, and a name per client (Vert.x picks a
        // random one) made tens of thousands of meters at fleet size, a third of the collector's CPU and heap.
        RedisOptions options = io.redisscale.runtime.RedisConnections.options(url, allowSelfSigned, config.pollTimeout())
                .setMaxPoolSize(1).setMaxPoolWaiting(4)
                .setPoolName(POOL_NAME).setMaxWaitingHandlers(8); // one batch at a time, not the default 2,048 slots
        Client fresh = new Client(url, allowSelfSigned, Redis.createClient(vertx, options));
        clients.put(instanceId, fresh);
        return fresh.redis();
    }
}
