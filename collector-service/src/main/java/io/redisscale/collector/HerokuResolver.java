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

    private final HerokuApi api;
    private final CollectorConfig config;
    private final ObjectMapper mapper;

    HerokuResolver(@RestClient HerokuApi api, CollectorConfig config, ObjectMapper mapper) {
        this.api = api;
        this.config = config;
        this.mapper = mapper;
    }

    Addon resolve(String app, String configVar) {
        String key = config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> refuse("herokuApp", "HEROKU_API_KEY is not set, so the add-on cannot be checked; "
                        + "register with ?validate=false to skip the check"));
        JsonNode addons;
        try (Response r = call(() -> api.listAddons("Bearer " + key, app))) {
            String body = r.hasEntity() ? r.readEntity(String.class) : "";
            switch (r.getStatus()) {
                case 200 -> addons = mapper.readTree(body);
                case 401, 403 -> throw refuse("herokuApp", "the Heroku API key lacks access to app '" + app + "': " + message(body));
                case 404 -> throw refuse("herokuApp", "Heroku has no app '" + app + "': " + message(body));
                default -> throw refuse("herokuApp", "Heroku answered " + r.getStatus() + ": " + message(body));
            }
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

    /** The answer, whatever its status: the REST client may raise an error status as an exception. */
    private static Response call(java.util.function.Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    /** The Redis URL the app sees now, from its config vars; throws when it cannot be read. */
    String redisUrl(String app, String configVar) {
        String key = config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("HEROKU_API_KEY is not set"));
        try (Response r = call(() -> api.configVars("Bearer " + key, app))) {
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
