package io.redisscale.runtime;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;

/**
 * How every service connects to a user's Redis: the collector to poll it, the actuator to change a local
 * one. A {@code rediss://} URL gets TLS with the certificate and the host name verified, unless the instance
 * allows a self-signed certificate ({@code tlsAllowSelfSigned}: Heroku Key-Value Store signs its own), which
 * then encrypts without verifying either. Host verification is always set explicitly, never left to a default.
 */
public final class RedisConnections {
    private RedisConnections() {}

    public static RedisOptions options(String url, boolean allowSelfSigned, Duration connectTimeout) {
        RedisOptions options = new RedisOptions().setConnectionString(url);
        NetClientOptions net = options.getNetClientOptions().setConnectTimeout((int) connectTimeout.toMillis());
        if (url.startsWith("rediss:")) {
            net.setSsl(true);
            if (allowSelfSigned) {
                net.setTrustAll(true).setHostnameVerificationAlgorithm("");
            } else {
                net.setTrustAll(false).setHostnameVerificationAlgorithm("HTTPS");
            }
        }
        return options;
    }
}
