package io.redisscale.actuator.availability;

import io.redisscale.runtime.ErrorClass;
import io.redisscale.runtime.RedisConnections;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * A probe as a client sees the Redis: a new connection (TLS as the collector polls it) and a PING, within a timeout
 * shorter than the probe period, so that each probe stands for one period.
 */
@ApplicationScoped
public class VertxProbe implements Probe {
    private final Vertx vertx;
    private final Duration timeout;

    VertxProbe(Vertx vertx, io.redisscale.actuator.ActuatorConfig config) {
        this.vertx = vertx;
        this.timeout = config.probePeriod().multipliedBy(8).dividedBy(10);
    }

    @Override
    public Result probe(Endpoint endpoint) {
        long started = System.nanoTime();
        Redis client = Redis.createClient(vertx, RedisConnections.options(endpoint.url(), endpoint.tlsAllowSelfSigned(), timeout));
        try {
            client.send(Request.cmd(Command.PING)).await().atMost(timeout);
            return Result.answered((System.nanoTime() - started) / 1_000);
        } catch (RuntimeException e) {
            return Result.failed(ErrorClass.of(e));
        } finally {
            client.close();
        }
    }
}
