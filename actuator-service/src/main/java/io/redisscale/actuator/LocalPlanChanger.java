package io.redisscale.actuator;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.runtime.SealedSecret;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Emulates a plan change on a self-hosted Redis: the plan's memory becomes {@code maxmemory} and its
 * connection limit {@code maxclients}, then both are read back.
 */
@ApplicationScoped
class LocalPlanChanger implements PlanChanger {
    /** What "unlimited connections" becomes on a local Redis. */
    static final int UNLIMITED_CLIENTS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final SealedSecret sealer;
    private final io.redisscale.runtime.RedisTargets targets;

    /** {@code keys} opens the sealed Redis URLs of local instances, under the current or an old key. */
    LocalPlanChanger(Vertx vertx, io.redisscale.runtime.Keyring keys, io.redisscale.runtime.RedisTargets targets) {
        this.vertx = vertx;
        this.targets = targets;
        this.sealer = new SealedSecret(keys);
    }

    @Override
    public InstanceConfig.Provider provider() {
        return InstanceConfig.Provider.local;
    }

    @Override
    public java.util.Optional<io.redisscale.actuator.availability.Probe.Endpoint> endpoint(InstanceConfig instance) {
        return io.redisscale.actuator.availability.Probe.Endpoint.sealed(sealer, instance);
    }

    @Override
    public Result change(InstanceConfig instance, ScaleCommand command, Plan target, AttemptLog log) {
        if (instance.sealedRedisUrl() == null) {
            return Result.failed("no Redis URL for local instance " + instance.name());
        }
        String url;
        try {
            url = sealer.open(instance.sealedRedisUrl());
        } catch (IllegalStateException sealedElsewhere) { // a failed outcome with its reason, not a dead letter
            return Result.failed("cannot open the Redis URL: " + sealedElsewhere.getMessage());
        }
        // Checked again right before the change: the name is resolved anew, and the settings may have changed.
        java.util.Optional<String> refused = targets.refusal(url);
        if (refused.isPresent()) {
            return Result.failed("refused: " + refused.get());
        }
        long memory = target.memoryBytes();
        int clients = target.unlimitedConnections() ? UNLIMITED_CLIENTS : target.maxConnections();
        // The instance's TLS settings as the collector polls it with: a rediss:// URL verified unless it allows a self-signed certificate.
        Redis redis = Redis.createClient(vertx, io.redisscale.runtime.RedisConnections.options(url, instance.tlsAllowSelfSigned(), TIMEOUT));
        try {
            String before = configGet(redis, "maxmemory");
            if (String.valueOf(memory).equals(before)) {
                log.record("CONFIG GET maxmemory", "already " + before + ": nothing to do");
                return Result.succeeded("already on " + command.toPlan());
            }
            log.changing();
            configSet(redis, "maxmemory", memory, log);
            configSet(redis, "maxclients", clients, log);
            log.changed();
            String after = configGet(redis, "maxmemory");
            log.record("CONFIG GET maxmemory", after);
            if (!String.valueOf(memory).equals(after)) {
                return Result.failed("maxmemory reads " + after + " after setting " + memory);
            }
            return Result.succeeded("maxmemory " + before + " -> " + after + ", maxclients " + clients);
        } catch (Leases.LeaseLost lost) {
            throw lost; // another actuator has the instance now: no step of ours is stored
        } catch (RuntimeException e) {
            log.record("redis", "error: " + e.getMessage());
            return Result.failed("local Redis: " + e.getMessage());
        } finally {
            redis.close();
        }
    }

    private static String configGet(Redis redis, String key) {
        Response r = redis.send(Request.cmd(Command.CONFIG).arg("GET").arg(key)).await().atMost(TIMEOUT);
        // RESP2 answers a flat [key, value]; RESP3 a map.
        return r.type() == io.vertx.redis.client.ResponseType.MULTI && r.size() == 2 && !r.containsKey(key)
                ? r.get(1).toString() : r.get(key).toString();
    }

    private static void configSet(Redis redis, String key, long value, AttemptLog log) {
        redis.send(Request.cmd(Command.CONFIG).arg("SET").arg(key).arg(value)).await().atMost(TIMEOUT);
        log.record("CONFIG SET " + key + " " + value, "OK");
    }
}
