package io.redisscale.collector.registry;

import java.net.URI;

/** Shows a Redis URL without its credentials, for the API and logs. */
final class RedisUrls {
    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private RedisUrls() {}
}
