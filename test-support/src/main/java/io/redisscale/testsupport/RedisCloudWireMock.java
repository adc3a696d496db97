package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock standing in for the Redis Cloud REST API (under /v1); tests stub it with its API reference's shapes. */
public class RedisCloudWireMock extends ApiWireMock {
    public static WireMockServer server;

    @Override
    java.util.List<String> urlProperties() {
        return java.util.List.of("quarkus.rest-client.rediscloud.url");
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    void started(WireMockServer s) {
        server = s;
    }
}
