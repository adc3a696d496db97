package io.redisscale.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock standing in for the ElastiCache API (the AWS Query protocol: form-encoded POSTs naming their
 * {@code Action}, XML answers), the actuator's SDK client pointed at it; the SDK's default credential chain finds
 * test keys in the system properties.
 */
public class ElastiCacheWireMock extends ApiWireMock {
    public static WireMockServer server;

    @Override
    java.util.List<String> urlProperties() {
        return java.util.List.of("actuator.elasticache-endpoint", "collector.elasticache-endpoint");
    }

    @Override
    void started(WireMockServer s) {
        server = s;
        System.setProperty("aws.accessKeyId", "AKIATESTSTANDIN0000");
        System.setProperty("aws.secretAccessKey", "test-secret-for-the-stand-in");
    }
}
