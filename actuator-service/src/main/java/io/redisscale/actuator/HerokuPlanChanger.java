package io.redisscale.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.ScaleCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Changes a Heroku add-on's plan: read the add-on, PATCH its plan, then read it until it is
 * provisioned on the target plan. Heroku's own message is kept on every failure.
 */
@ApplicationScoped
class HerokuPlanChanger implements PlanChanger {
    private final HerokuApi api;
    private final ActuatorConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Sleeper sleeper;

    HerokuPlanChanger(@RestClient HerokuApi api, ActuatorConfig config, ObjectMapper mapper, Clock clock, Sleeper sleeper) {
        this.api = api;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public InstanceConfig.Provider provider() {
        return InstanceConfig.Provider.heroku;
    }

    @Override
    public Result change(InstanceConfig instance, ScaleCommand command, AttemptLog log) {
        if (config.herokuApiKey().isEmpty()) {
            return Result.failed("HEROKU_API_KEY is not set");
        }
        String auth = "Bearer " + config.herokuApiKey().get();
        try {
            String addon = addonId(auth, instance, log);
            JsonNode before = call(log, "GET addon", () -> api.getAddon(auth, instance.herokuApp(), addon));
            String plan = before.path("plan").path("name").asText();
            if (plan.equals(command.toPlan())) {
                return Result.succeeded("already on " + plan + ": nothing done");
            }
            if (!plan.equals(command.fromPlan())) {
                return Result.skipped("the add-on is on " + plan + ", neither " + command.fromPlan() + " nor "
                        + command.toPlan() + ": changed by hand?");
            }
            call(log, "PATCH plan " + command.toPlan(),
                    () -> api.changePlan(auth, instance.herokuApp(), addon, Map.of("plan", command.toPlan())));
            Instant deadline = clock.instant().plus(config.verifyTimeout());
            while (true) {
                JsonNode now = call(log, "GET addon", () -> api.getAddon(auth, instance.herokuApp(), addon));
                String state = now.path("state").asText();
                String onPlan = now.path("plan").path("name").asText();
                if ("provisioned".equals(state) && command.toPlan().equals(onPlan)) {
                    return Result.succeeded("add-on " + addon + " provisioned on " + onPlan);
                }
                if (clock.instant().isAfter(deadline)) {
                    return Result.failed("not verified within " + config.verifyTimeout().toSeconds()
                            + " s: state " + state + ", plan " + onPlan);
                }
                sleeper.sleep(config.verifyInterval());
            }
        } catch (HerokuError e) {
            return Result.failed(e.getMessage());
        } catch (ProcessingException e) {
            log.record("heroku", "network error: " + e.getMessage());
            return Result.failed("Heroku API unreachable: " + e.getMessage());
        }
    }

    /** The add-on id: from the registration, else the add-on of the app that sets the config var. */
    private String addonId(String auth, InstanceConfig instance, AttemptLog log) {
        if (instance.addonId() != null) {
            return instance.addonId();
        }
        JsonNode addons = call(log, "GET addons", () -> api.listAddons(auth, instance.herokuApp()));
        for (JsonNode a : addons) {
            for (JsonNode var : a.path("config_vars")) {
                if (var.asText().equals(instance.configVar())) {
                    return a.path("id").asText();
                }
            }
        }
        throw new HerokuError("no add-on of app " + instance.herokuApp() + " sets " + instance.configVar());
    }

    private JsonNode call(AttemptLog log, String action, java.util.function.Supplier<Response> request) {
        Response answer;
        try {
            answer = request.get();
        } catch (jakarta.ws.rs.WebApplicationException e) {
            answer = e.getResponse(); // the REST client may raise an error status as an exception
        }
        try (Response response = answer) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status >= 300) {
                String message = message(body);
                log.record(action, status + " " + message);
                throw new HerokuError("Heroku answered " + status + " to " + action + ": " + message);
            }
            log.record(action, String.valueOf(status));
            return mapper.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new HerokuError("unreadable answer from Heroku to " + action);
        }
    }

    private String message(String body) {
        try {
            JsonNode error = mapper.readTree(body);
            return error.path("id").asText("error") + ": " + error.path("message").asText(body);
        } catch (IOException | RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    static final class HerokuError extends RuntimeException {
        HerokuError(String message) {
            super(message);
        }
    }
}
