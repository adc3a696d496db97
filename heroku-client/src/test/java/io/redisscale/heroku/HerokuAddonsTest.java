package io.redisscale.heroku;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HerokuAddonsTest {
    /** The shape of GET /apps/{app}/addons: the app's own add-on and one attached from another app. */
    private static final String ADDONS = """
            [{"id": "6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f", "name": "rediscloud-cubic-12345", "state": "provisioned",
              "app": {"id": "01234567-89ab-cdef-0123-456789abcdef", "name": "carnot-iot"},
              "addon_service": {"id": "7e1c6a0a-0000-4000-8000-000000000001", "name": "rediscloud"},
              "plan": {"id": "5b0a4f0d-0000-4000-8000-000000000002", "name": "rediscloud:100"},
              "config_vars": ["REDISCLOUD_URL"]},
             {"id": "9b2d0c3e-1111-4000-8000-000000000003", "name": "redis-shared-99", "state": "provisioned",
              "app": {"id": "11111111-2222-3333-4444-555555555555", "name": "other-app"},
              "addon_service": {"id": "7e1c6a0a-0000-4000-8000-000000000004", "name": "heroku-redis"},
              "plan": {"id": "5b0a4f0d-0000-4000-8000-000000000005", "name": "heroku-redis:premium-0"},
              "config_vars": ["SHARED_REDIS_URL"]}]
            """;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "carnot-iot, REDISCLOUD_URL,   rediscloud:100",
            "carnot-iot, SHARED_REDIS_URL, ''",            // attached from other-app: not this app's own
            "carnot-iot, REDIS_URL,        ''",
            "other-app,  SHARED_REDIS_URL, heroku-redis:premium-0"})
    void findsTheAppsOwnAddonBehindAConfigVar(String app, String configVar, String plan) throws Exception {
        JsonNode addons = new ObjectMapper().readTree(ADDONS);
        Optional<HerokuAddons.Addon> found = HerokuAddons.bySetting(addons, app, configVar);
        assertEquals(plan.isEmpty() ? null : plan, found.map(HerokuAddons.Addon::plan).orElse(null));
        found.ifPresent(a -> assertEquals("provisioned", a.state()));
    }
}
