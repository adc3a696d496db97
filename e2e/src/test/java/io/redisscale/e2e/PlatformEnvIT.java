package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service configured only the Heroku way: {@code PORT}, {@code DATABASE_URL} (postgres://user:password@host/db)
 * and {@code KAFKA_URL}; the variables the services read otherwise are empty. It starts, migrates, joins
 * the broker and answers on {@code PORT}.
 */
class PlatformEnvIT {

    @Test
    void aServiceRunsOnHerokuStyleVariablesAlone() throws Exception {
        TestInfra.Endpoints e = TestInfra.endpoints();
        URI jdbc = URI.create(e.jdbcUrl().substring("jdbc:".length()));
        String database = "postgres://" + e.dbUser() + ":" + (e.dbPassword() == null ? "" : e.dbPassword()) + "@" + jdbc.getHost()
                + ":" + jdbc.getPort() + jdbc.getPath();
        int port = TestServers.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("DATABASE_URL", database);
        env.put("DATABASE_SSLMODE", "disable"); // the local server has no TLS; on Heroku the default, require, holds
        env.put("KAFKA_URL", "kafka://" + e.kafka());
        // What TestServers sets otherwise, unset: only the Heroku-style variables are left to read.
        env.put("DB_URL", null);
        env.put("DB_USER", null);
        env.put("DB_PASSWORD", null);
        env.put("KAFKA_BOOTSTRAP_SERVERS", null);
        try (TestServers servers = new TestServers()) {
            servers.startService("decision", "decision", env);
            HttpClient http = HttpClient.newHttpClient();
            await("ready on PORT").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        }
    }
}
