package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/** WireMock standing in for a provider's API on a free port, the service's REST client pointed at it. */
abstract class ApiWireMock implements QuarkusTestResourceLifecycleManager {
    private WireMockServer own;

    /** The properties that point the services' clients at the stand-in, and the API's base path on it. */
    abstract List<String> urlProperties();

    String basePath() {
        return "";
    }

    /** Where the test reaches the running stand-in. */
    abstract void started(WireMockServer server);

    @Override
    public Map<String, String> start() {
        own = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        own.start();
        started(own);
        Map<String, String> config = new java.util.HashMap<>();
        urlProperties().forEach(p -> config.put(p, own.baseUrl() + basePath()));
        return config;
    }

    @Override
    public void stop() {
        own.stop();
    }
}
