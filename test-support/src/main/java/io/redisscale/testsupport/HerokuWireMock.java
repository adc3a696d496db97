package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for the Heroku Platform API; tests stub it with Heroku's response shapes. */
public class HerokuWireMock implements QuarkusTestResourceLifecycleManager {
    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("quarkus.rest-client.heroku.url", server.baseUrl());
    }

    @Override
    public void stop() {
        server.stop();
    }
}
