package io.redisscale.collector.heroku;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.heroku.HerokuAddons;
import io.redisscale.heroku.HerokuAddons.Addon;
import io.redisscale.heroku.HerokuAnswer;
import io.redisscale.heroku.HerokuApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Finds the add-on behind a Heroku app's config var ({@code GET /apps/{app}/addons}, matching
 * {@code config_vars} and the app): its id, service and current plan. Every failure is a 422 that says
 * what is wrong, so nothing is stored.
 */
@ApplicationScoped
public class HerokuResolver {
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
    private final HerokuBudget budget;

    HerokuResolver(@RestClient HerokuApi api, CollectorConfig config, HerokuBudget budget) {
        this.api = api;
        this.config = config;
        this.budget = budget;
    }

    public Addon resolve(String app, String configVar) {
        String key = config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> ProblemException.unprocessable("herokuApp", "HEROKU_API_KEY is not set, so the add-on cannot be checked; "
                        + "register with ?validate=false to skip the check"));
        HerokuAnswer r;
        try {
            r = exchange(HerokuBudget.Use.REGISTRATION, () -> api.listAddons("Bearer " + key, app));
        } catch (Paused e) {
            throw rateLimited();
        }
        JsonNode addons = switch (r.status()) {
            case 200 -> {
                try {
                    yield r.json();
                } catch (IllegalStateException e) {
                    throw ProblemException.unprocessable("herokuApp", "the Heroku API answered something unreadable");
                }
            }
            case 0 -> throw ProblemException.unprocessable("herokuApp", "the Heroku API could not be reached: " + r.message());
            case 401, 403 -> throw ProblemException.unprocessable("herokuApp", "the Heroku API key lacks access to app '" + app + "': " + r.message());
            case 404 -> throw ProblemException.unprocessable("herokuApp", "Heroku has no app '" + app + "': " + r.message());
            case 429 -> throw rateLimited();
            default -> throw ProblemException.unprocessable("herokuApp", "Heroku answered " + r.status() + ": " + r.message());
        };
        return HerokuAddons.bySetting(addons, app, configVar)
                .orElseThrow(() -> ProblemException.unprocessable("configVar", "no add-on of app '" + app + "' sets " + configVar));
    }

    /** Makes a call the budget allows and tells the budget how it went. */
    private HerokuAnswer exchange(HerokuBudget.Use use, java.util.function.Supplier<Response> request) {
        if (!budget.mayCall(use)) {
            throw new Paused(budget.pausedUntil());
        }
        HerokuAnswer r = HerokuAnswer.exchange(request);
        if (r.answered()) {
            budget.answered(r.status(), r.remaining());
        }
        return r;
    }

    private ProblemException rateLimited() {
        return new ProblemException(503, "Service Unavailable", "the Heroku API rate limit is reached; try again after "
                + budget.pausedUntil() + " or register with ?validate=false", List.of());
    }

    /** The add-on as Heroku has it now (its plan may have been changed by hand); throws when it cannot be read. */
    Addon addon(String app, String addonId) {
        String key = requireKey();
        HerokuAnswer r = exchange(HerokuBudget.Use.PLAN_REFRESH, () -> api.getAddon("Bearer " + key, app, addonId));
        if (r.status() != 200) {
            throw new IllegalStateException("Heroku answered " + r.describe() + " for add-on " + addonId + " of " + app);
        }
        return Addon.of(r.json());
    }

    private String requireKey() {
        return config.herokuApiKey().filter(k -> !k.isBlank())
                .orElseThrow(() -> new IllegalStateException("HEROKU_API_KEY is not set"));
    }

    /** The Redis URL the app sees now, from its config vars; throws when it cannot be read. */
    public String redisUrl(String app, String configVar) {
        String key = requireKey();
        HerokuAnswer r = exchange(HerokuBudget.Use.URL, () -> api.configVars("Bearer " + key, app));
        if (!r.answered()) {
            // A kept-alive connection the server closed just as it was reused: a read is safe to try once more.
            r = exchange(HerokuBudget.Use.URL, () -> api.configVars("Bearer " + key, app));
        }
        if (r.status() != 200) {
            throw new IllegalStateException("Heroku answered " + r.describe() + " for the config vars of " + app);
        }
        JsonNode url = r.json().path(configVar);
        if (!url.isTextual()) {
            throw new IllegalStateException("app " + app + " no longer sets " + configVar);
        }
        return url.asText();
    }
}
