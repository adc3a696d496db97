package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** WireMock standing in for a provider's API on a free port, the service's REST client pointed at it. */
abstract class ApiWireMock implements QuarkusTestResourceLifecycleManager {
    private WireMockServer own;

    /** The REST client's URL property, and the API's base path on the stand-in. */
    abstract String urlProperty();

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
        return Map.of(urlProperty(), own.baseUrl() + basePath());
    }

    @Override
    public void stop() {
        own.stop();
    }
}
