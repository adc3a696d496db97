package io.redisscale.collector;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reads INFO with the Vert.x Redis client, one small pooled client per instance. */
@ApplicationScoped
class VertxRedisInfoReader implements RedisInfoReader {
    private record Client(String url, boolean allowSelfSigned, Redis redis) {}

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
        return redis.send(Request.cmd(Command.INFO))
                .ifNoItem().after(config.pollTimeout()).fail()
                .map(response -> RedisInfo.parse(response.toString()))
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
        RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(1).setMaxPoolWaiting(4);
        NetClientOptions net = options.getNetClientOptions().setConnectTimeout((int) config.pollTimeout().toMillis());
        if (url.startsWith("rediss:")) {
            net.setSsl(true);
            if (allowSelfSigned) {
                // Heroku Redis signs its own certificates: the user opted in to encryption without verification.
                net.setTrustAll(true).setHostnameVerificationAlgorithm("");
            } else {
                net.setTrustAll(false).setHostnameVerificationAlgorithm("HTTPS");
            }
        }
        Client fresh = new Client(url, allowSelfSigned, Redis.createClient(vertx, options));
        clients.put(instanceId, fresh);
        return fresh.redis();
    }
}
