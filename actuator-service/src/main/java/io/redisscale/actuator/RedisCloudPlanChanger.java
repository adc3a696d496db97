package io.redisscale.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.actuator.availability.Probe;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.rediscloud.Essentials;
import io.redisscale.rediscloud.Pro;
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
 * Changes a Redis Cloud Essentials subscription's plan, or a Pro database's size, through Redis Cloud's own API: read
 * it first (so a resumed command sees what an earlier run did), {@code PUT {"planId": N}} (Essentials) or
 * {@code PUT {"datasetSizeInGb": x}} (Pro) once, follow the task it answers with until it completes or fails (a
 * downgrade the data does not fit fails with Redis Cloud's reason), then read it until it is active on the target.
 * Calls are paced by {@link CallPolicy#judgeRedisCloud} and each is taken from the account's budget, shared by
 * every replica ({@link CallBudgets}).
 */
@ApplicationScoped
class RedisCloudPlanChanger implements PlanChanger {
    private final RedisCloudApi api;
    private final ActuatorConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallPolicy policy;
    private final SealedSecret sealer;
    private final CallBudgets budgets;

    RedisCloudPlanChanger(@RestClient RedisCloudApi api, ActuatorConfig config, Clock clock, Sleeper sleeper, CallPolicy policy,
                          io.redisscale.runtime.Keyring keys, CallBudgets budgets) {
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
        this.sealer = new SealedSecret(keys);
        this.budgets = budgets;
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
        Resource resource = instance.databaseId() == null ? new Subscription(keys, instance.subscriptionId())
                : new Database(keys, instance.subscriptionId(), instance.databaseId());
        try {
            String to = resource.size(command.toPlan());
            String from = resource.size(command.fromPlan());
            Resource.State before = resource.read(log);
            boolean sentBefore = log.changedAt().isPresent();
            if (before.size().equals(to) && !sentBefore && before.active()) {
                return Result.succeeded("already on " + command.toPlan() + ": nothing done");
            }
            if (!before.size().equals(to) && !sentBefore) {
                if (!before.size().equals(from)) {
                    return Result.skipped(ScaleOutcome.SkipReason.changed_by_hand, resource.what() + " is on " + before.size()
                            + ", neither " + from + " nor " + to + ": changed by hand");
                }
                Optional<String> taskId = send(resource, to, log);
                Instant changedAt = log.changed();
                Optional<Result> failed = taskId.flatMap(id -> follow(keys, id, changedAt, log));
                if (failed.isPresent()) {
                    return failed.get();
                }
            }
            // Sent (now, or by a run a stop cut short): it must be active on the target.
            Instant changedAt = log.changedAt().orElseGet(log::changed);
            Instant deadline = log.by(changedAt.plus(config.verifyTimeout()));
            while (true) {
                Resource.State now = resource.read(log);
                if (now.size().equals(to) && now.active()) {
                    return Result.succeeded(resource.what() + " active on " + to);
                }
                if (clock.instant().isAfter(deadline)) {
                    return Result.failed("not verified within " + Duration.between(changedAt, deadline).toSeconds()
                            + " s: " + resource.what() + " " + now.status() + " on " + now.size());
                }
                sleeper.sleep(config.verifyInterval());
            }
        } catch (RedisCloudError e) {
            return Result.failed(e.getMessage());
        }
    }

    /**
     * What a change moves: an Essentials subscription (its plan id) or a Pro database (its dataset size in GB), read and
     * changed through their own calls; sizes are compared as the API states them ("1002", "2.5").
     */
    private interface Resource {
        record State(String size, String status, boolean active) {}

        String what();

        RedisCloudKeys keys();

        /** The size a catalog plan stands for. */
        String size(String plan);

        State read(AttemptLog log);

        /** The one call that asks for the change, and how it is logged. */
        Supplier<Response> change(String size);

        String changeAction(String size);
    }

    private final class Subscription implements Resource {
        private final RedisCloudKeys keys;
        private final String id;

        Subscription(RedisCloudKeys keys, String id) {
            this.keys = keys;
            this.id = id;
        }

        @Override
        public String what() {
            return "subscription " + id;
        }

        @Override
        public RedisCloudKeys keys() {
            return keys;
        }

        @Override
        public String size(String plan) {
            return String.valueOf(Essentials.planId(plan));
        }

        @Override
        public State read(AttemptLog log) {
            Essentials.Subscription s = Essentials.Subscription.of(call(keys, log, "GET subscription",
                    () -> api.fixedSubscription(keys.apiKey(), keys.secretKey(), id)));
            return new State(String.valueOf(s.planId()), s.status(), "active".equals(s.status()));
        }

        @Override
        public Supplier<Response> change(String size) {
            return () -> api.changeFixedPlan(keys.apiKey(), keys.secretKey(), id, Map.of("planId", Long.parseLong(size)));
        }

        @Override
        public String changeAction(String size) {
            return "PUT planId " + size;
        }
    }

    private final class Database implements Resource {
        private final RedisCloudKeys keys;
        private final String subscription;
        private final String id;

        Database(RedisCloudKeys keys, String subscription, String id) {
            this.keys = keys;
            this.subscription = subscription;
            this.id = id;
        }

        @Override
        public String what() {
            return "database " + id;
        }

        @Override
        public RedisCloudKeys keys() {
            return keys;
        }

        @Override
        public String size(String plan) {
            return gb(Pro.gb(plan));
        }

        @Override
        public State read(AttemptLog log) {
            Pro.Database d = Pro.Database.of(call(keys, log, "GET database",
                    () -> api.proDatabase(keys.apiKey(), keys.secretKey(), subscription, id)));
            return new State(gb(d.datasetSizeInGb()), d.status(), d.active());
        }

        @Override
        public Supplier<Response> change(String size) {
            return () -> api.resizeProDatabase(keys.apiKey(), keys.secretKey(), subscription, id,
                    Map.of("datasetSizeInGb", Double.parseDouble(size)));
        }

        @Override
        public String changeAction(String size) {
            return "PUT datasetSizeInGb " + size;
        }

        private static String gb(double gb) {
            return java.math.BigDecimal.valueOf(Math.round(gb * 1000) / 1000.0).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * Sends the change once; the id of the task that carries it out. After an answer that leaves it unknown whether
     * Redis Cloud took it (5xx, no answer), the resource is read before any second PUT: on the target or no longer
     * active, it was taken (empty: followed through the resource, not the task).
     */
    private Optional<String> send(Resource resource, String size, AttemptLog log) {
        Instant deadline = log.by(clock.instant().plus(config.retryDeadline()));
        log.changing();
        for (int attempt = 1; ; attempt++) {
            RedisCloudAnswer a = exchange(resource.keys(), resource.change(size));
            CallPolicy.Verdict v = policy.judgeRedisCloud(a.status(), a.message(), attempt, clock.instant(), deadline);
            log.record(resource.changeAction(size), a.describe() + (v.action() == CallPolicy.Action.PROCEED ? "" : " → " + v.reason()));
            if (v.action() == CallPolicy.Action.PROCEED) {
                String taskId = a.json().path("taskId").asText("");
                log.record("task", taskId.isEmpty() ? "none named: followed through the " + resource.what() : taskId);
                return taskId.isEmpty() ? Optional.empty() : Optional.of(taskId);
            }
            if (v.action() == CallPolicy.Action.FAIL) {
                throw new RedisCloudError(v.reason());
            }
            sleeper.sleep(v.pause());
            if (a.status() != 429) {
                Resource.State s = resource.read(log);
                if (s.size().equals(size) || !s.active()) {
                    return Optional.empty(); // the PUT that seemed to fail went through
                }
            }
        }
    }

    /** Follows the task until it completes (empty) or fails (its reason, as a failed outcome). */
    private Optional<Result> follow(RedisCloudKeys keys, String taskId, Instant changedAt, AttemptLog log) {
        Instant deadline = log.by(changedAt.plus(config.verifyTimeout()));
        while (true) {
            Task t = Task.of(call(keys, log, "GET task", () -> api.task(keys.apiKey(), keys.secretKey(), taskId)));
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

    /** A call, retried as the policy says; its JSON body once it succeeds. */
    private JsonNode call(RedisCloudKeys keys, AttemptLog log, String action, Supplier<Response> request) {
        Instant deadline = log.by(clock.instant().plus(config.retryDeadline()));
        for (int attempt = 1; ; attempt++) {
            RedisCloudAnswer a = exchange(keys, request);
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

    /** One call, taken from the account's budget first; a 429 empties the budget for every replica. */
    private RedisCloudAnswer exchange(RedisCloudKeys keys, Supplier<Response> request) {
        String account = CallBudgets.account("rediscloud", keys.apiKey());
        budgets.take(account, TokenBucket.Rate.perMinute(config.rediscloudCallsPerMinute()));
        RedisCloudAnswer a = RedisCloudAnswer.exchange(request);
        if (a.status() == 429) {
            budgets.drain(account);
        }
        return a;
    }


    static final class RedisCloudError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedisCloudError(String message) {
            super(message);
        }
    }
}
