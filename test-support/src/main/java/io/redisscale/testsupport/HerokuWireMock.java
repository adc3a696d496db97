package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock standing in for the Heroku Platform API; tests stub it with Heroku's response shapes. */
public class HerokuWireMock extends ApiWireMock {
    public static WireMockServer server;

    @Override
    java.util.List<String> urlProperties() {
        return java.util.List.of("quarkus.rest-client.heroku.url");
    }

    @Override
    void started(WireMockServer s) {
        server = s;
    }
}
