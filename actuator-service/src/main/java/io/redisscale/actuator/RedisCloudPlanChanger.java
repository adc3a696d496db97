package io.redisscale.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.actuator.availability.Probe;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.rediscloud.Essentials;
import io.redisscale.rediscloud.RedisCloudAnswer;
import io.redisscale.rediscloud.RedisCloudApi;
import io.redisscale.rediscloud.RedisCloudKeys;
import io.redisscale.rediscloud.Task;
import io.redisscale.runtime.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Changes a Redis Cloud Essentials subscription's plan through Redis Cloud's own API: read the subscription first (so
 * a resumed command sees what an earlier run did), {@code PUT {"planId": N}} once, follow the task it answers with
 * until it completes or fails (a downgrade the data does not fit fails with Redis Cloud's reason), then read the
 * subscription until it is active on the target plan. Calls are paced by {@link CallPolicy#judgeRedisCloud}.
 */
@ApplicationScoped
class RedisCloudPlanChanger implements PlanChanger {
    private final RedisCloudApi api;
    private final ActuatorConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallPolicy policy;
    private final SealedSecret sealer;

    RedisCloudPlanChanger(@RestClient RedisCloudApi api, ActuatorConfig config, Clock clock, Sleeper sleeper, CallPolicy policy,
                          io.redisscale.runtime.Keyring keys) {
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
        this.sealer = new SealedSecret(keys);
    }

    @Override
    public InstanceConfig.Provider provider() {
        return InstanceConfig.Provider.rediscloud;
    }

    @Override
    public Optional<Probe.Endpoint> endpoint(InstanceConfig instance) {
        return Probe.Endpoint.sealed(sealer, instance);
    }

    @Override
    public Result change(InstanceConfig instance, ScaleCommand command, Plan target, AttemptLog log) {
        RedisCloudKeys keys;
        try {
            keys = RedisCloudKeys.fromJson(sealer.open(instance.sealedCredentials()));
        } catch (RuntimeException unreadable) { // a failed outcome with its reason, never a dead letter
            return Result.failed("cannot open the Redis Cloud keys: " + unreadable.getMessage());
        }
        String sub = instance.subscriptionId();
        long targetId = Essentials.planId(command.toPlan());
        long fromId = Essentials.planId(command.fromPlan());
        try {
            Essentials.Subscription before = subscription(keys, sub, log);
            boolean sentBefore = log.changedAt().isPresent();
            if (before.planId() == targetId && !sentBefore && "active".equals(before.status())) {
                return Result.succeeded("already on " + command.toPlan() + ": nothing done");
            }
            if (before.planId() != targetId && !sentBefore) {
                if (before.planId() != fromId) {
                    return Result.skipped(ScaleOutcome.SkipReason.changed_by_hand, "the subscription is on plan " + before.planId()
                            + ", neither " + fromId + " nor " + targetId + ": changed by hand");
                }
                Optional<String> taskId = put(keys, sub, targetId, log);
                Instant changedAt = log.changed();
                Optional<Result> failed = taskId.flatMap(id -> follow(keys, id, changedAt, log));
                if (failed.isPresent()) {
                    return failed.get();
                }
            }
            // Sent (now, or by a run a stop cut short): the subscription must be active on the target.
            Instant changedAt = log.changedAt().orElseGet(log::changed);
            Instant deadline = earliest(changedAt.plus(config.verifyTimeout()), log.deadline());
            while (true) {
                Essentials.Subscription now = subscription(keys, sub, log);
                if (now.planId() == targetId && "active".equals(now.status())) {
                    return Result.succeeded("subscription " + sub + " active on plan " + targetId);
                }
                if (clock.instant().isAfter(deadline)) {
                    return Result.failed("not verified within " + Duration.between(changedAt, deadline).toSeconds()
                            + " s: subscription " + now.status() + " on plan " + now.planId());
                }
                sleeper.sleep(config.verifyInterval());
            }
        } catch (RedisCloudError e) {
            return Result.failed(e.getMessage());
        }
    }

    /**
     * Sends the plan change once; the id of the task that carries it out. After an answer that leaves it unknown
     * whether Redis Cloud took it (5xx, no answer), the subscription is read before any second PUT: on the target or
     * no longer active, it was taken (empty: followed through the subscription, not the task).
     */
    private Optional<String> put(RedisCloudKeys keys, String sub, long planId, AttemptLog log) {
        Instant deadline = earliest(clock.instant().plus(config.retryDeadline()), log.deadline());
        log.changing();
        for (int attempt = 1; ; attempt++) {
            RedisCloudAnswer a = RedisCloudAnswer.exchange(() -> api.changeFixedPlan(keys.apiKey(), keys.secretKey(), sub,
                    Map.of("planId", planId)));
            CallPolicy.Verdict v = policy.judgeRedisCloud(a.status(), a.message(), attempt, clock.instant(), deadline);
            log.record("PUT planId " + planId, a.describe() + (v.action() == CallPolicy.Action.PROCEED ? "" : " → " + v.reason()));
            if (v.action() == CallPolicy.Action.PROCEED) {
                String taskId = a.json().path("taskId").asText("");
                log.record("task", taskId.isEmpty() ? "none named: followed through the subscription" : taskId);
                return taskId.isEmpty() ? Optional.empty() : Optional.of(taskId);
            }
            if (v.action() == CallPolicy.Action.FAIL) {
                throw new RedisCloudError(v.reason());
            }
            sleeper.sleep(v.pause());
            if (a.status() != 429) {
                Essentials.Subscription s = subscription(keys, sub, log);
                if (s.planId() == planId || !"active".equals(s.status())) {
                    return Optional.empty(); // the PUT that seemed to fail went through
                }
            }
        }
    }

    /** Follows the task until it completes (empty) or fails (its reason, as a failed outcome). */
    private Optional<Result> follow(RedisCloudKeys keys, String taskId, Instant changedAt, AttemptLog log) {
        Instant deadline = earliest(changedAt.plus(config.verifyTimeout()), log.deadline());
        while (true) {
            Task t = Task.of(call(log, "GET task", () -> api.task(keys.apiKey(), keys.secretKey(), taskId)));
            if (t.completed()) {
                return Optional.empty();
            }
            if (t.failed()) {
                return Optional.of(Result.failed("Redis Cloud refused the change: " + (t.error() == null ? t.description() : t.error())));
            }
            if (clock.instant().isAfter(deadline)) {
                return Optional.of(Result.failed("task " + taskId + " still " + t.status() + " after "
                        + Duration.between(changedAt, deadline).toSeconds() + " s"));
            }
            sleeper.sleep(config.verifyInterval());
        }
    }

    private Essentials.Subscription subscription(RedisCloudKeys keys, String sub, AttemptLog log) {
        return Essentials.Subscription.of(call(log, "GET subscription", () -> api.fixedSubscription(keys.apiKey(), keys.secretKey(), sub)));
    }

    /** A call, retried as the policy says; its JSON body once it succeeds. */
    private JsonNode call(AttemptLog log, String action, Supplier<Response> request) {
        Instant deadline = earliest(clock.instant().plus(config.retryDeadline()), log.deadline());
        for (int attempt = 1; ; attempt++) {
            RedisCloudAnswer a = RedisCloudAnswer.exchange(request);
            CallPolicy.Verdict v = policy.judgeRedisCloud(a.status(), a.message(), attempt, clock.instant(), deadline);
            log.record(action, a.describe() + (v.action() == CallPolicy.Action.PROCEED ? "" : " → " + v.reason()));
            switch (v.action()) {
                case PROCEED -> {
                    try {
                        return a.json();
                    } catch (IllegalStateException e) {
                        throw new RedisCloudError("unreadable answer from Redis Cloud to " + action);
                    }
                }
                case FAIL -> throw new RedisCloudError(v.reason());
                default -> sleeper.sleep(v.pause());
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static final class RedisCloudError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedisCloudError(String message) {
            super(message);
        }
    }
}
