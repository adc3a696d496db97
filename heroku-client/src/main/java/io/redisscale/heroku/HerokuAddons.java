package io.redisscale.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reading Heroku's add-on objects: the one add-on lookup of every service. */
public final class HerokuAddons {
    private HerokuAddons() {}

    /** What the services need of an add-on. */
    public record Addon(String id, String service, String plan, String state) {
        public static Addon of(JsonNode a) {
            return new Addon(a.path("id").asText(), a.path("addon_service").path("name").asText(),
                    a.path("plan").path("name").asText(), a.path("state").asText());
        }
    }

    /**
     * The add-on of {@code app} that sets {@code configVar}, from {@code GET /apps/{app}/addons}. An add-on
     * attached from another app is listed too, with that app's name: it is not this app's own.
     */
    public static Optional<Addon> bySetting(JsonNode addons, String app, String configVar) {
        for (JsonNode a : addons) {
            boolean ownApp = !a.path("app").has("name") || app.equals(a.path("app").path("name").asText());
            for (JsonNode var : a.path("config_vars")) {
                if (ownApp && var.asText().equals(configVar)) {
                    return Optional.of(Addon.of(a));
                }
            }
        }
        return Optional.empty();
    }
}
