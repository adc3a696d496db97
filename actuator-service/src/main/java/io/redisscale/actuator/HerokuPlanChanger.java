package io.redisscale.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.heroku.HerokuAddons;
import io.redisscale.heroku.HerokuAnswer;
import io.redisscale.heroku.HerokuApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Changes a Heroku add-on's plan: read the add-on first (so a resumed command sees what an earlier
 * run did), PATCH its plan once, then read it until it is provisioned on the target plan. Every call
 * goes through {@link CallPolicy}: permanent errors fail at once with Heroku's message, 429 waits for
 * the pool, 5xx and network errors back off with jitter up to the retry deadline.
 */
@ApplicationScoped
class HerokuPlanChanger implements PlanChanger {
    private final HerokuApi api;
    private final ActuatorConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallPolicy policy;

    HerokuPlanChanger(@RestClient HerokuApi api, ActuatorConfig config, Clock clock, Sleeper sleeper, CallPolicy policy) {
        this.api = api;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
    }

    @Override
    public InstanceConfig.Provider provider() {
        return InstanceConfig.Provider.heroku;
    }

    /** The Redis URL the app's config var holds now: one read, never retried (the probe is not worth a change's budget). */
    @Override
    public java.util.Optional<io.redisscale.actuator.availability.Probe.Endpoint> endpoint(InstanceConfig instance) {
        if (config.herokuApiKey().filter(k -> !k.isBlank()).isEmpty()) {
            return java.util.Optional.empty();
        }
        HerokuAnswer a = HerokuAnswer.exchange(() -> api.configVars("Bearer " + config.herokuApiKey().get(), instance.herokuApp()));
        if (!a.answered() || a.status() != 200) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(a.json().path(instance.configVar()).textValue())
                    .map(url -> new io.redisscale.actuator.availability.Probe.Endpoint(url, instance.tlsAllowSelfSigned()));
        } catch (IllegalStateException unreadable) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Result change(InstanceConfig instance, ScaleCommand command, Plan target, AttemptLog log) {
        if (config.herokuApiKey().filter(k -> !k.isBlank()).isEmpty()) {
            return Result.failed("HEROKU_API_KEY is not set");
        }
        String auth = "Bearer " + config.herokuApiKey().get();
        String app = instance.herokuApp();
        try {
            String addon = addonId(auth, instance, log);
            JsonNode before = call(log, "GET addon", () -> api.getAddon(auth, app, addon));
            String plan = planOf(before);
            boolean sentBefore = log.changedAt().isPresent();
            if (plan.equals(command.toPlan()) && !sentBefore && "provisioned".equals(before.path("state").asText())) {
                return Result.succeeded("already on " + plan + ": nothing done");
            }
            if (!plan.equals(command.toPlan())) {
                if (!plan.equals(command.fromPlan())) {
                    return Result.skipped(ScaleOutcome.SkipReason.changed_by_hand, "the add-on is on " + plan + ", neither " + command.fromPlan() + " nor "
                            + command.toPlan() + ": changed by hand");
                }
                if (sentBefore) {
                    return Result.failed("Heroku acknowledged the change to " + command.toPlan()
                            + " but the add-on is on " + plan + " again");
                }
                if (!patch(auth, app, addon, command, log)) {
                    return Result.skipped(ScaleOutcome.SkipReason.changed_by_hand, "the add-on moved to another plan while the change was retried: changed by hand");
                }
            }
            // The change was sent (now, or by a run that was cut short): verify it.
            Instant changedAt = log.changedAt().orElseGet(log::changed);
            Instant deadline = log.by(changedAt.plus(config.verifyTimeout()));
            while (true) {
                JsonNode now = call(log, "GET addon", () -> api.getAddon(auth, app, addon));
                String state = now.path("state").asText();
                String onPlan = planOf(now);
                if ("provisioned".equals(state) && command.toPlan().equals(onPlan)) {
                    return Result.succeeded("add-on " + addon + " provisioned on " + onPlan);
                }
                if (clock.instant().isAfter(deadline)) {
                    return Result.failed("not verified within " + Duration.between(changedAt, deadline).toSeconds()
                            + " s: state " + state + ", plan " + onPlan);
                }
                sleeper.sleep(config.verifyInterval());
            }
        } catch (HerokuError e) {
            return Result.failed(e.getMessage());
        }
    }

    /**
     * Sends the PATCH. After an answer that leaves it unknown whether Heroku applied it (5xx, no
     * answer), the add-on is read before any second PATCH. False when the add-on went elsewhere.
     */
    private boolean patch(String auth, String app, String addon, ScaleCommand command, AttemptLog log) {
        Instant deadline = log.by(clock.instant().plus(config.retryDeadline()));
        log.changing();
        for (int attempt = 1; ; attempt++) {
            HerokuAnswer a = HerokuAnswer.exchange(() -> api.changePlan(auth, app, addon, Map.of("plan", command.toPlan())));
            CallPolicy.Verdict v = judge(a, attempt, deadline);
            log.record("PATCH plan " + command.toPlan(), a.describe() + (v.action() == CallPolicy.Action.PROCEED ? "" : " → " + v.reason()));
            if (v.action() == CallPolicy.Action.PROCEED) {
                return true;
            }
            if (v.action() == CallPolicy.Action.FAIL) {
                throw new HerokuError(v.reason());
            }
            sleeper.sleep(v.pause());
            if (a.status() != 429) {
                String plan = planOf(call(log, "GET addon", () -> api.getAddon(auth, app, addon)));
                if (plan.equals(command.toPlan())) {
                    return true; // the PATCH that seemed to fail went through
                }
                if (!plan.equals(command.fromPlan())) {
                    return false;
                }
            }
        }
    }

    /** The add-on id: from the registration, else the app's own add-on that sets the config var. */
    private String addonId(String auth, InstanceConfig instance, AttemptLog log) {
        if (instance.addonId() != null) {
            return instance.addonId();
        }
        JsonNode addons = call(log, "GET addons", () -> api.listAddons(auth, instance.herokuApp()));
        return HerokuAddons.bySetting(addons, instance.herokuApp(), instance.configVar()).map(HerokuAddons.Addon::id)
                .orElseThrow(() -> new HerokuError("no add-on of app " + instance.herokuApp() + " sets " + instance.configVar()));
    }

    /** A read, retried as the policy says; its JSON body once it succeeds. */
    private JsonNode call(AttemptLog log, String action, Supplier<Response> request) {
        Instant deadline = log.by(clock.instant().plus(config.retryDeadline()));
        for (int attempt = 1; ; attempt++) {
            HerokuAnswer a = HerokuAnswer.exchange(request);
            CallPolicy.Verdict v = judge(a, attempt, deadline);
            log.record(action, a.describe() + (v.action() == CallPolicy.Action.PROCEED ? "" : " → " + v.reason()));
            switch (v.action()) {
                case PROCEED -> {
                    try {
                        return a.json();
                    } catch (IllegalStateException e) {
                        throw new HerokuError("unreadable answer from Heroku to " + action);
                    }
                }
                case FAIL -> throw new HerokuError(v.reason());
                default -> sleeper.sleep(v.pause());
            }
        }
    }


    private CallPolicy.Verdict judge(HerokuAnswer a, int attempt, Instant deadline) {
        String message = !a.answered() ? a.message() : a.status() < 300 ? "" : a.errorId() + ": " + a.message();
        return policy.judge(a.status(), a.remaining().orElse(-1), message, attempt, clock.instant(), deadline);
    }

    private static String planOf(JsonNode addon) {
        return HerokuAddons.Addon.of(addon).plan();
    }

    static final class HerokuError extends RuntimeException {
        HerokuError(String message) {
            super(message);
        }
    }
}
