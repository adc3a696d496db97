package io.redisscale.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Finds the add-on behind a Heroku app's config var ({@code GET /apps/{app}/addons}, matching
 * {@code config_vars} and the app): its id, service and current plan. Every failure is a 422 that says
 * what is wrong, so nothing is stored.
 */
@ApplicationScoped
class HerokuResolver {
    /** What registration learns from Heroku. */
    record Addon(String id, String service, String plan) {}

    /** Heroku asked us to wait (429): no call is made until {@code until}. */
    static final class Paused extends IllegalStateException {
        final java.time.Instant until;

        Paused(java.time.Instant until) {
            super("the Heroku API rate limit was reached; calls resume at " + until);
            this.until = until;
        }
    }

    private final HerokuApi api;
    private final CollectorConfig config;
    private final ObjectMapper mapper;
    private final HerokuBudget budget;

    HerokuResolver(@RestClient HerokuApi api, CollectorConfig config, ObjectMapper mapper, HerokuBudget budget) {
        this.api = api;
        this.config = config;
        this.mapper = mapper;
        this.budget = budget;
    }

    Addon resolve(String app, String configVar) {
        String key = config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> refuse("herokuApp", "HEROKU_API_KEY is not set, so the add-on cannot be checked; "
                        + "register with ?validate=false to skip the check"));
        JsonNode addons;
        try (Response r = exchange(HerokuBudget.Use.REGISTRATION, () -> api.listAddons("Bearer " + key, app))) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            switch (r.getStatus()) {
                case 200 -> addons = mapper.readTree(body);
                case 401, 403 -> throw refuse("herokuApp", "the Heroku API key lacks access to app '" + app + "': " + message(body));
                case 404 -> throw refuse("herokuApp", "Heroku has no app '" + app + "': " + message(body));
                case 429 -> throw rateLimited();
                default -> throw refuse("herokuApp", "Heroku answered " + r.getStatus() + ": " + message(body));
            }
        } catch (Paused e) {
            throw rateLimited();
        } catch (ProcessingException e) {
            throw refuse("herokuApp", "the Heroku API could not be reached: " + e.getMessage());
        } catch (IOException e) {
            throw refuse("herokuApp", "the Heroku API answered something unreadable");
        }
        for (JsonNode a : addons) {
            boolean ownApp = !a.path("app").has("name") || app.equals(a.path("app").path("name").asText());
            for (JsonNode var : a.path("config_vars")) {
                if (ownApp && var.asText().equals(configVar)) {
                    return new Addon(a.path("id").asText(), a.path("addon_service").path("name").asText(),
                            a.path("plan").path("name").asText());
                }
            }
        }
        throw refuse("configVar", "no add-on of app '" + app + "' sets " + configVar);
    }

    /**
     * Makes a call the budget allows, whatever its status (the REST client may raise an error status as
     * an exception), and tells the budget how it went.
     */
    private Response exchange(HerokuBudget.Use use, java.util.function.Supplier<Response> request) {
        if (!budget.mayCall(use)) {
            throw new Paused(budget.pausedUntil());
        }
        Response r;
        try {
            r = request.get();
        } catch (WebApplicationException e) {
            r = e.getResponse();
        }
        String remaining = r.getHeaderString("RateLimit-Remaining");
        java.util.OptionalInt left = java.util.OptionalInt.empty();
        if (remaining != null && remaining.trim().matches("\\d{1,9}")) {
            left = java.util.OptionalInt.of(Integer.parseInt(remaining.trim()));
        }
        budget.answered(r.getStatus(), left);
        return r;
    }

    private ProblemException rateLimited() {
        return new ProblemException(503, "Service Unavailable", "the Heroku API rate limit is reached; try again after "
                + budget.pausedUntil() + " or register with ?validate=false", List.of());
    }

    /** The add-on as Heroku has it now (its plan may have been changed by hand); throws when it cannot be read. */
    Addon addon(String app, String addonId) {
        String key = requireKey();
        try (Response r = exchange(HerokuBudget.Use.PLAN_REFRESH, () -> api.addon("Bearer " + key, app, addonId))) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            if (r.getStatus() != 200) {
                throw new IllegalStateException("Heroku answered " + r.getStatus() + " for add-on " + addonId + " of "
                        + app + ": " + message(body));
            }
            JsonNode a = mapper.readTree(body);
            return new Addon(a.path("id").asText(), a.path("addon_service").path("name").asText(),
                    a.path("plan").path("name").asText());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable add-on " + addonId + " of " + app);
        }
    }

    private String requireKey() {
        return config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("HEROKU_API_KEY is not set"));
    }

    /** The Redis URL the app sees now, from its config vars; throws when it cannot be read. */
    String redisUrl(String app, String configVar) {
        String key = requireKey();
        try (Response r = exchange(HerokuBudget.Use.URL, () -> api.configVars("Bearer " + key, app))) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            if (r.getStatus() != 200) {
                throw new IllegalStateException("Heroku answered " + r.getStatus() + " for the config vars of " + app
                        + ": " + message(body));
            }
            JsonNode url = mapper.readTree(body).path(configVar);
            if (!url.isTextual()) {
                throw new IllegalStateException("app " + app + " no longer sets " + configVar);
            }
            return url.asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable config vars of " + app);
        }
    }

    private String message(String body) {
        try {
            return mapper.readTree(body).path("message").asText(body);
        } catch (IOException | RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static ProblemException refuse(String field, String message) {
        return new ProblemException(422, "Unprocessable Content", message, List.of(new Problem.FieldError(field, message)));
    }
}
